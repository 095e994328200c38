package atomicfile

import "os"

// Lock takes an exclusive advisory lock on f without waiting, for a file
// that one process at a time appends to (a labels file being written by
// `stance label`). It fails at once if another process holds the lock,
// and is released when f is closed.
func Lock(f *os.File) error { return lock(f) }

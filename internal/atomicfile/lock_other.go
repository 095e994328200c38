//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package atomicfile

import "os"

const syscallNoFollow = 0

// lock is a no-op where flock is not available.
func lock(f *os.File) error { return nil }

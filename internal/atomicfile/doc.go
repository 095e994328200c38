// Package atomicfile writes output files so that a reader sees the old
// file or the finished new one, never a mix, and so that two runs never
// write the same file at once.
//
// Conventions, for every function here:
//   - the path given is resolved through symlinks first: a link is
//     followed and its target is replaced, the link itself is kept;
//   - the target must be a regular file or absent; a directory, device
//     node, FIFO or socket is refused before anything is written;
//   - data goes to a temporary file in the target's directory that is
//     renamed over the target by Commit; on failure the target is left
//     as it was.
//
// Create uses a temporary name unique to the run. CreatePartial uses
// PATH.partial, a name a later run can find to continue (--resume); it is
// locked (flock) while a run owns it, and a second run is refused.
package atomicfile

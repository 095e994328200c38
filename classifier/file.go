package classifier

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// Magic starts every model file.
const Magic = "STANCEMD"

// FormatVersion is the newest model file format this package reads and
// writes. Version 4 is version 3 plus a head's attention network
// (HeadModel.Net, algorithms neural and ensemble), written only for models
// that have one, so programs from before it refuse those files as newer
// than they read. Version 3 is version 2 plus what older programs would misread:
// feature groups they do not have (bytarget), the base model of an
// adapted model (TrainingData.Base), and models that read languages
// beyond English (their stem aliases and script folding). A model is
// written as version 3 only when it has one of these (formatVersion), so
// every other model stays version 2, byte for byte, and older programs
// refuse version 3 files as newer than they read instead of misreading
// them.
const FormatVersion = 4

// readVersion is the newest version Decode accepts: FormatVersion, lowered
// by tests to play a program from before version 4.
var readVersion uint32 = FormatVersion

// plainFormatVersion is written for models that need nothing of version 3.
const plainFormatVersion = 2

// Format versions this package reads: 1 (before calibration and training
// fingerprints), 2 and 3.
const minFormatVersion = 1

// formatVersion is the format version m is written in.
func (m *Model) formatVersion() uint32 {
	for _, hm := range m.Heads {
		if hm.Net != nil {
			return 4
		}
	}
	if m.Features.Has(features.GroupByTarget) || m.Data != nil && m.Data.Base != nil || readsBeyondEnglish(m) {
		return 3
	}
	return plainFormatVersion
}

// fixed part: magic, version, header length, payload length
const preamble = 8 + 4 + 4 + 8

// maxHalf is the largest finite float16.
const maxHalf = 65504

// maxRaw bounds the decompressed payload, against corrupt or hostile files.
const maxRaw = 1 << 30

// FormatError is returned for a file that is not a usable model file.
type FormatError struct {
	File string
	Msg  string
}

func (e *FormatError) Error() string { return e.File + ": " + e.Msg }

type fileHeader struct {
	Producer   string           `json:"producer"`
	Schema     *labels.Schema   `json:"schema"`
	Features   features.Config  `json:"features"`
	Train      TrainConfig      `json:"train"`
	DenseDim   int              `json:"dense_dim"`
	Heads      []fileHeadHeader `json:"heads"`
	RawPayload int64            `json:"payload_raw_bytes"`
	// Data describes what the model was trained on (Model.Data).
	Data *TrainingData `json:"data,omitempty"`
}

type fileHeadHeader struct {
	Name       string    `json:"name"`
	Trained    bool      `json:"trained"`
	Models     int       `json:"models"`
	Thresholds []float32 `json:"thresholds,omitempty"`
	Counts     []int     `json:"counts,omitempty"`
	N          int       `json:"n,omitempty"`
	// Temperature is the head's calibration (HeadModel.Temperature).
	Temperature float64 `json:"temperature,omitempty"`
	// Net describes the head's attention network (format version 4), whose
	// weights follow the head's linear models in the payload; its settings
	// are the header's train.net.
	Net *fileNetHeader `json:"net,omitempty"`
}

type fileNetHeader struct {
	Classes int `json:"classes"`
	Dim     int `json:"vector_dim"`
	Params  int `json:"params"`
}

// Encode writes the model in the file format.
func (m *Model) Encode(w io.Writer) error {
	if m.released {
		return ErrReleased
	}
	var raw bytes.Buffer
	denseDim := -1
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { raw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	nan := false
	halfs := func(v []float32) {
		for _, x := range v {
			// Clamp to the largest finite float16: Decode refuses Inf and NaN.
			x = max(min(x, maxHalf), -maxHalf)
			nan = nan || x != x
			binary.LittleEndian.PutUint16(tmp[:2], toHalf(x))
			raw.Write(tmp[:2])
		}
	}
	h := fileHeader{Producer: "stance", Schema: m.Schema, Features: m.Features, Train: m.Train, Data: m.Data}
	for i, hm := range m.Heads {
		h.Heads = append(h.Heads, fileHeadHeader{Name: m.Schema.Heads[i].Name, Trained: hm.Trained, Models: len(hm.Models), Thresholds: hm.Thresholds, Counts: hm.Counts, N: hm.N, Temperature: hm.Temperature})
		for _, l := range hm.Models {
			dd := len(l.Dense) / l.K
			if denseDim >= 0 && dd != denseDim {
				return errors.New("classifier: models differ in dense width")
			}
			denseDim = dd
			put(uint64(l.K))
			put(uint64(len(l.Cols)))
			prev := uint32(0)
			for _, c := range l.Cols {
				put(uint64(c - prev))
				prev = c
			}
			halfs(l.W)
			halfs(l.Default)
			halfs(l.Dense)
			halfs(l.Bias)
		}
		if n := hm.Net; n != nil {
			if m.Train.Net == nil || *m.Train.Net != n.Cfg {
				return errors.New("classifier: a network whose settings are not the model's")
			}
			h.Heads[i].Net = &fileNetHeader{Classes: n.K, Dim: n.Dim, Params: len(n.Params)}
			halfs(n.Params)
		}
	}
	if nan {
		return errors.New("classifier: a weight is NaN; the model cannot be saved")
	}
	h.DenseDim = max(denseDim, 0)
	h.RawPayload = int64(raw.Len())
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(raw.Bytes())
	fw.Close()
	hj, err := json.Marshal(h)
	if err != nil {
		return err
	}
	_, err = w.Write(frameVersion(m.formatVersion(), hj, comp.Bytes()))
	return err
}

// frame lays out a model file: magic, format version, header and payload
// lengths, the JSON header, the compressed payload, and a CRC-32 of all
// of it.
func frame(header, payload []byte) []byte {
	return frameVersion(plainFormatVersion, header, payload)
}

// frameVersion is frame with the format version to write.
func frameVersion(ver uint32, header, payload []byte) []byte {
	var out bytes.Buffer
	out.WriteString(Magic)
	binary.Write(&out, binary.LittleEndian, ver)
	binary.Write(&out, binary.LittleEndian, uint32(len(header)))
	binary.Write(&out, binary.LittleEndian, uint64(len(payload)))
	out.Write(header)
	out.Write(payload)
	binary.Write(&out, binary.LittleEndian, crc32.ChecksumIEEE(out.Bytes()))
	return out.Bytes()
}

// MaxTableCells bounds the prediction table DecodeForPrediction makes
// (buckets times the values of all heads): 2^27 bfloat16 cells are 256 MB.
const MaxTableCells = 1 << 27

// CheckTable refuses a schema and bucket count whose prediction table
// (buckets × the values of all heads) would be over MaxTableCells.
func CheckTable(s *labels.Schema, buckets int) error {
	values := 0
	for _, h := range s.Heads {
		values += len(h.Values)
	}
	if cells := int64(values) * int64(buckets); cells > MaxTableCells {
		return fmt.Errorf("%d values × %d buckets need a table of %d cells, over the limit of %d; use fewer values or fewer --buckets", values, buckets, cells, int64(MaxTableCells))
	}
	return nil
}

// Decode reads a model; name is used in errors.
func Decode(b []byte, name string) (*Model, error) { return decode(b, name, false) }

// DecodeForPrediction reads a model for prediction only: its sparse
// weights go straight into its Predictor's table as they are read and are
// never held in the model, as after ReleaseWeights (which see). Scoring
// with the default model then peaks at about 20 MB less memory.
func DecodeForPrediction(b []byte, name string) (*Model, error) { return decode(b, name, true) }

func decode(b []byte, name string, lean bool) (*Model, error) {
	bad := func(format string, args ...any) error {
		return &FormatError{File: name, Msg: fmt.Sprintf(format, args...)}
	}
	if len(b) == 0 {
		return nil, bad("not a stance model file (the file is empty)")
	}
	if len(b) < len(Magic) || string(b[:len(Magic)]) != Magic {
		if len(b) < len(Magic) && bytes.HasPrefix([]byte(Magic), b) && len(b) > 0 {
			return nil, bad("truncated: %d bytes, shorter than a model file's header", len(b))
		}
		return nil, bad("not a stance model file (no %q magic number)", Magic)
	}
	if len(b) < preamble {
		return nil, bad("truncated: %d bytes, shorter than a model file's header", len(b))
	}
	ver := binary.LittleEndian.Uint32(b[8:])
	if ver > readVersion {
		return nil, bad("model format version %d is newer than this program reads (%d); use a newer stance", ver, readVersion)
	}
	if ver < minFormatVersion {
		return nil, bad("unknown model format version %d (this program reads %d to %d)", ver, minFormatVersion, readVersion)
	}
	hl := uint64(binary.LittleEndian.Uint32(b[12:]))
	pl := binary.LittleEndian.Uint64(b[16:])
	want := uint64(preamble) + hl + pl + 4
	if hl > uint64(len(b)) || pl > uint64(len(b)) || want != uint64(len(b)) {
		if want > uint64(len(b)) || hl > uint64(len(b)) || pl > uint64(len(b)) {
			return nil, bad("truncated: %d bytes, the header promises %d", len(b), want)
		}
		return nil, bad("corrupted: %d bytes of trailing data", uint64(len(b))-want)
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, bad("corrupted: checksum mismatch")
	}
	var h fileHeader
	if err := json.Unmarshal(b[preamble:preamble+hl], &h); err != nil {
		return nil, bad("corrupted header: %v", err)
	}
	if h.Schema == nil {
		return nil, bad("corrupted header: no schema")
	}
	if err := h.Schema.Validate(name); err != nil {
		return nil, bad("corrupted header: %v", err)
	}
	if err := h.Features.Validate(); err != nil {
		return nil, bad("corrupted header: %v", err)
	}
	if len(h.Heads) != len(h.Schema.Heads) {
		return nil, bad("corrupted header: %d heads for a schema of %d", len(h.Heads), len(h.Schema.Heads))
	}
	if err := checkDenseDim(h.Features, h.DenseDim); err != nil {
		return nil, bad("corrupted header: %v", err)
	}
	if h.RawPayload < 0 || h.RawPayload > maxRaw {
		return nil, bad("corrupted header: payload size %d", h.RawPayload)
	}
	// The payload is parsed as it is decompressed, never held whole: for
	// the default model that saves a 24 MB buffer at load, which set the
	// process's peak memory when scoring (README, "Benchmarks").
	r := newPayloadReader(flate.NewReader(bytes.NewReader(b[preamble+hl:len(b)-4])), h.RawPayload)
	if err := h.Data.validate(); err != nil {
		return nil, bad("corrupted header: %v", err)
	}
	if h.Data != nil && h.Data.Base != nil && ver < 3 {
		return nil, bad("corrupted header: a base model in a version %d file", ver)
	}
	m := &Model{Schema: h.Schema, Features: h.Features, Train: h.Train, Data: h.Data, fileVersion: ver}
	for i, hh := range h.Heads {
		head := &h.Schema.Heads[i]
		if hh.Name != head.Name {
			return nil, bad("corrupted header: head %d is %q, the schema says %q", i, hh.Name, head.Name)
		}
		wantModels := 1
		if head.Multi {
			wantModels = len(head.Values)
		}
		if !hh.Trained {
			wantModels = 0
		}
		if hh.Models != wantModels || (head.Multi && hh.Trained && len(hh.Thresholds) != wantModels) {
			return nil, bad("corrupted header: head %q has %d models", head.Name, hh.Models)
		}
		if hh.Trained && len(hh.Counts) != len(head.Values) {
			return nil, bad("corrupted header: head %q has %d counts", head.Name, len(hh.Counts))
		}
		if hh.N < 0 || slices.ContainsFunc(hh.Counts, func(c int) bool { return c < 0 }) {
			return nil, bad("corrupted header: head %q has negative counts", head.Name)
		}
		if t := hh.Temperature; t < 0 || t > 1000 || t != t {
			return nil, bad("corrupted header: head %q has temperature %v", head.Name, t)
		}
		m.Heads = append(m.Heads, HeadModel{Trained: hh.Trained, Thresholds: hh.Thresholds, Counts: hh.Counts, N: hh.N, Temperature: hh.Temperature})
	}
	var p *Predictor
	if lean {
		// The table is made before the payload is read: refuse one too
		// large first (a corrupt or hostile header).
		if err := CheckTable(m.Schema, m.Features.Buckets); err != nil {
			return nil, bad("%v", err)
		}
		dd, err := m.Features.DenseDim()
		if err != nil {
			return nil, bad("corrupted header: %v", err)
		}
		p = newPredictor(m, dd)
	}
	for i, hh := range h.Heads {
		head, hm := &h.Schema.Heads[i], &m.Heads[i]
		wantK := len(head.Values)
		if head.Multi {
			wantK = 2
		}
		for j := 0; j < hh.Models; j++ {
			l, err := r.linear(wantK, h.DenseDim, h.Features.Buckets)
			if err != nil {
				return nil, bad("corrupted payload: head %q: %v", head.Name, r.why(err))
			}
			if lean {
				// Into the table at once: only one model's sparse
				// weights are ever held.
				p.fill(i, j, l)
				l.Cols, l.W = nil, nil
			}
			hm.Models = append(hm.Models, l)
		}
		if hh.Net != nil {
			var err error
			if hm.Net, err = r.net(hh.Net, h.Train.Net, ver, head.Multi || !hh.Trained, wantK); err != nil {
				return nil, bad("corrupted: head %q: %v", head.Name, err)
			}
		}
	}
	if err := r.end(); err != nil {
		return nil, bad("corrupted payload: %v", err)
	}
	if lean {
		m.pred, m.released = p, true
	}
	return m, nil
}

// payloadReader parses a decompressed payload of a known size as it
// streams: left is what the header says remains, and every count read from
// the payload is checked against it before anything is allocated.
type payloadReader struct {
	r    *bufio.Reader
	left int64 // bytes the header promises after those read
	read int64 // bytes read
	buf  []byte
}

func newPayloadReader(r io.Reader, size int64) *payloadReader {
	return &payloadReader{r: bufio.NewReaderSize(r, 64<<10), left: size}
}

var errShort = errors.New("ends early")

// short is the error for a payload that ended before its promised size.
func (r *payloadReader) short(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%d bytes, want %d", r.read, r.read+r.left)
	}
	return err
}

func (r *payloadReader) uvarint() (uint64, error) {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if r.left <= 0 {
			return 0, errShort
		}
		c, err := r.r.ReadByte()
		if err != nil {
			return 0, r.short(err)
		}
		r.read++
		r.left--
		if shift == 63 && c > 1 {
			return 0, errors.New("a count overflows 64 bits")
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
		if shift == 63 {
			return 0, errors.New("a count overflows 64 bits")
		}
	}
}

// bytes reads the next n bytes into a reused buffer.
func (r *payloadReader) bytes(n int) ([]byte, error) {
	if int64(n) > r.left {
		return nil, errShort
	}
	if cap(r.buf) < n {
		r.buf = make([]byte, n)
	}
	b := r.buf[:n]
	if k, err := io.ReadFull(r.r, b); err != nil {
		r.read += int64(k) // the payload's true length, for short
		r.left -= int64(k)
		return nil, r.short(err)
	}
	r.read += int64(n)
	r.left -= int64(n)
	return b, nil
}

func (r *payloadReader) halfs(n int) ([]float32, error) {
	if n < 0 || int64(n) > r.left/2 {
		return nil, errShort
	}
	out := make([]float32, n)
	// In chunks, so that the read buffer stays small.
	const chunk = 32 << 10
	for i := 0; i < n; i += chunk {
		m := min(chunk, n-i)
		b, err := r.bytes(2 * m)
		if err != nil {
			return nil, err
		}
		for j := range m {
			h := binary.LittleEndian.Uint16(b[2*j:])
			if h&0x7c00 == 0x7c00 {
				// Training never writes Inf or NaN; they would make every
				// probability NaN.
				return nil, errors.New("a weight is not a finite number")
			}
			out[i+j] = fromHalf(h)
		}
	}
	return out, nil
}

// drain reads the rest of the payload the header promises, and a byte
// beyond, and says how the payload's length disagrees with the header's:
// shorter (with its true length) or longer; nil when they agree.
func (r *payloadReader) drain() error {
	n, _ := io.CopyN(io.Discard, r.r, r.left)
	r.read += n
	r.left -= n
	if r.left > 0 {
		return r.short(io.EOF)
	}
	switch _, err := r.r.ReadByte(); err {
	case io.EOF:
		return nil
	case nil:
		return fmt.Errorf("more than the %d bytes the header promises", r.read)
	default:
		return err
	}
}

// why refines a parse error: a payload the header's size cut short
// (errShort) is told apart from one of another length than the header's.
func (r *payloadReader) why(err error) error {
	if err != errShort {
		return err
	}
	if e := r.drain(); e != nil {
		return e
	}
	return err
}

// end checks that the payload was read to its promised size and no
// further.
func (r *payloadReader) end() error {
	unread := r.left
	if err := r.drain(); err != nil && (unread == 0 || r.left > 0) {
		return err
	}
	if unread > 0 {
		return fmt.Errorf("%d bytes left over", unread)
	}
	return nil
}

// net reads a head's attention network described by fh, with settings
// cfg (the header's train.net).
func (r *payloadReader) net(fh *fileNetHeader, cfg *NetConfig, ver uint32, unfit bool, k int) (*Net, error) {
	switch {
	case ver < 4:
		return nil, fmt.Errorf("a network in a version %d file", ver)
	case cfg == nil:
		return nil, errors.New("a network without its settings (train.net)")
	case unfit || fh.Classes != k:
		return nil, errors.New("a network for the wrong head")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := &Net{Cfg: *cfg, K: k, Dim: fh.Dim}
	if err := n.bind(); err != nil {
		return nil, err
	}
	if size := n.layout().size * cfg.Members; fh.Params != size {
		return nil, fmt.Errorf("the network has %d weights, its settings %d", fh.Params, size)
	}
	params, err := r.halfs(fh.Params)
	if err != nil {
		return nil, fmt.Errorf("network: %v", err)
	}
	n.Params = alignedFloats(len(params)) // as training has them (alignedFloats)
	copy(n.Params, params)
	return n, nil
}

// checkDenseDim checks the header's dense width against what the
// featurizer will produce: a model whose dense weights do not fit the
// featurizer's vectors must be refused here, not fail while scoring.
func checkDenseDim(cfg features.Config, dim int) error {
	if dim == 0 {
		return nil // no dense weights: the vectors, if any, are ignored
	}
	if dim < 0 || !cfg.Has(features.GroupVectors) {
		return fmt.Errorf("dense width %d without the vectors feature group", dim)
	}
	want, err := cfg.DenseDim()
	if err != nil {
		return err
	}
	if dim != want {
		return fmt.Errorf("dense width %d, the featurizer's is %d", dim, want)
	}
	return nil
}

func (r *payloadReader) linear(k, denseDim, buckets int) (*Linear, error) {
	kk, err := r.uvarint()
	if err != nil {
		return nil, err
	}
	if int(kk) != k {
		return nil, fmt.Errorf("%d classes, want %d", kk, k)
	}
	nc, err := r.uvarint()
	if err != nil {
		return nil, err
	}
	if nc > uint64(buckets) {
		return nil, fmt.Errorf("%d columns for %d buckets", nc, buckets)
	}
	if nc > uint64(r.left) {
		// Every column takes at least a byte: refuse before allocating.
		return nil, errShort
	}
	l := &Linear{K: k, Cols: make([]uint32, nc)}
	prev := uint64(0)
	for i := range l.Cols {
		d, err := r.uvarint()
		if err != nil {
			return nil, err
		}
		if i > 0 && d == 0 {
			return nil, errors.New("columns not ascending")
		}
		prev += d
		if prev >= uint64(buckets) {
			return nil, errors.New("column out of range")
		}
		l.Cols[i] = uint32(prev)
	}
	if l.W, err = r.halfs(int(nc) * k); err != nil {
		return nil, err
	}
	if l.Default, err = r.halfs(k); err != nil {
		return nil, err
	}
	if l.Dense, err = r.halfs(denseDim * k); err != nil {
		return nil, err
	}
	if l.Bias, err = r.halfs(k); err != nil {
		return nil, err
	}
	return l, nil
}

// Load reads a model file.
func Load(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, unwrapPath(err))
	}
	return Decode(b, path)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeHook lets tests make a save fail partway through.
var writeHook func(io.Writer) io.Writer

// Save writes the model to path atomically: to a temporary file in the
// same directory, synced, then renamed over path. On any error path is left
// as it was and the temporary file is removed.
func (m *Model) Save(path string) error {
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// WriteFileAtomic writes data to path through a temporary file and a
// rename, so readers see the old file or the new one, never a mix.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	var w io.Writer = f
	if writeHook != nil {
		w = writeHook(f)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	ok = true
	return nil
}

// readsBeyondEnglish reports a model that reads other languages than
// English: a program from before them would score such text without the
// script folding and stem aliases the model was trained with.
func readsBeyondEnglish(m *Model) bool {
	for _, l := range m.Train.Languages {
		if l != "en" {
			return true
		}
	}
	return false
}

package classifier

import "github.com/stance-project/stance/features"

// Matrix is a CSR matrix of sparse features, plus a dense block.
type Matrix struct {
	Ptr      []int // row i is Idx[Ptr[i]:Ptr[i+1]]
	Idx      []uint32
	Val      []float32
	Dense    []float32 // Rows()×DenseDim, row-major
	DenseDim int
}

// Rows returns the number of rows.
func (m *Matrix) Rows() int { return len(m.Ptr) - 1 }

// NewMatrix returns an empty matrix with the given dense width.
func NewMatrix(denseDim int) *Matrix { return &Matrix{Ptr: []int{0}, DenseDim: denseDim} }

// Append adds a row made of the given sparse parts and dense vector (nil
// means zeros).
func (m *Matrix) Append(dense []float32, parts ...features.Sparse) {
	for _, p := range parts {
		m.Idx = append(m.Idx, p.Idx...)
		m.Val = append(m.Val, p.Val...)
	}
	m.Ptr = append(m.Ptr, len(m.Idx))
	if m.DenseDim > 0 {
		if dense == nil {
			m.Dense = append(m.Dense, make([]float32, m.DenseDim)...)
		} else {
			m.Dense = append(m.Dense, dense[:m.DenseDim]...)
		}
	}
}

// Row returns row i's sparse part and dense part.
func (m *Matrix) Row(i int) ([]uint32, []float32, []float32) {
	a, b := m.Ptr[i], m.Ptr[i+1]
	var d []float32
	if m.DenseDim > 0 {
		d = m.Dense[i*m.DenseDim : (i+1)*m.DenseDim]
	}
	return m.Idx[a:b], m.Val[a:b], d
}

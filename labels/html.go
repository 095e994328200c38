package labels

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLBytes bounds the bytes of an HTML page read: markup is several
// times the text it holds.
const maxHTMLBytes = 4 * MaxTextBytes

// htmlReader reads an HTML page as one article: its title as the
// headline, then the text of its paragraphs, headings, list items,
// quotations and preformatted blocks. Scripts, styles, navigation,
// headers, footers, asides and forms are dropped.
type htmlReader struct {
	name, id string
	r        io.Reader
	c        io.Closer
	opts     *Options
	done     bool
}

func (h *htmlReader) Close() error { return h.c.Close() }

func (h *htmlReader) Next() (*Article, error) {
	if h.done {
		return nil, io.EOF
	}
	h.done = true
	if h.opts.keysOnly {
		return &Article{ID: h.id, File: h.name}, nil
	}
	head := make([]byte, 8192)
	n, err := io.ReadFull(h.r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, inputErr(h.name, 0, "", "%v", unwrapPathErr(err))
	}
	if err := checkText(head[:n], h.name); err != nil {
		return nil, err
	}
	r := io.MultiReader(strings.NewReader(string(head[:n])), io.LimitReader(h.r, maxHTMLBytes-int64(n)))
	text, err := htmlText(r)
	if err != nil {
		return nil, inputErr(h.name, 0, "", "%v", unwrapPathErr(err))
	}
	if len(text) > MaxTextBytes {
		text = Truncate(text, MaxTextBytes)
		h.opts.warn(Warning{File: h.name, ID: h.id, Msg: "main text over 4 MB; only the first 4 MB are read"})
	}
	return textArticle(h.name, h.id, []byte(text), h.opts)
}

// dropped are the elements whose text is not the article's.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Noscript: true, atom.Template: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Svg: true,
	atom.Iframe: true, atom.Figcaption: true,
}

// blocks are the elements whose text is kept, one paragraph each.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true,
}

// inline are the elements inside a word's run of text, which do not
// separate words.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.B: true, atom.I: true, atom.Em: true, atom.Strong: true, atom.Span: true,
	atom.Small: true, atom.Sup: true, atom.Sub: true, atom.U: true, atom.Mark: true, atom.Abbr: true,
	atom.Cite: true, atom.Q: true, atom.Code: true, atom.Time: true,
}

// htmlText returns a page's title and main text, paragraphs separated by
// blank lines: the title is the headline. A page without paragraphs (text
// in bare divs) gives the text outside the dropped elements instead.
func htmlText(r io.Reader) (string, error) {
	z := html.NewTokenizer(r)
	var (
		title, cur strings.Builder
		loose      strings.Builder // text outside blocks
		paras      []string
		skip       int  // depth inside dropped elements
		inTitle    bool // inside <title>
		inBlock    int  // depth inside kept blocks
	)
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return "", z.Err()
			}
			flush()
			if len(paras) == 0 {
				if t := strings.Join(strings.Fields(loose.String()), " "); t != "" {
					paras = append(paras, t)
				}
			}
			t := strings.Join(strings.Fields(title.String()), " ")
			if t != "" && (len(paras) == 0 || paras[0] != t) {
				paras = append([]string{t}, paras...)
			}
			return strings.Join(paras, "\n\n"), nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !inline[a] {
				loose.WriteByte(' ')
			}
			if tt == html.SelfClosingTagToken {
				if a == atom.Br && inBlock > 0 {
					cur.WriteByte(' ')
				}
				continue
			}
			switch {
			case dropped[a]:
				skip++
			case a == atom.Title:
				inTitle = true
			case blocks[a] && skip == 0:
				if inBlock == 0 {
					flush()
				}
				inBlock++
			case a == atom.Br:
				cur.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !inline[a] {
				loose.WriteByte(' ')
			}
			switch {
			case dropped[a]:
				if skip > 0 {
					skip--
				}
			case a == atom.Title:
				inTitle = false
			case blocks[a] && skip == 0 && inBlock > 0:
				inBlock--
				if inBlock == 0 {
					flush()
				}
			}
		case html.TextToken:
			switch {
			case inTitle:
				title.Write(z.Text())
			case skip == 0 && inBlock > 0:
				cur.Write(z.Text())
			case skip == 0:
				loose.Write(z.Text())
			}
		}
	}
}

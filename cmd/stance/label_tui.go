package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/active"
	"github.com/stance-project/stance/labels"
)

// valueKey is the key that picks (single-label head) or toggles
// (multi-label head) one value.
type valueKey struct {
	head, value int
	key         string
}

// labelKeys are the labeller's fixed keys; the value keys are assigned
// per schema (assignValueKeys).
type labelKeys struct {
	Save, Accept, Skip, Undo, Back, Quit, Help, Up, Down, PageUp, PageDown key.Binding
}

func newLabelKeys() labelKeys {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return labelKeys{
		Save:     b("enter", "save", "enter"),
		Accept:   b("a", "accept all", "a"),
		Skip:     b("n", "skip", "n"),
		Undo:     b("u", "undo", "u"),
		Back:     b("b", "back", "b"),
		Quit:     b("q", "quit", "q", "ctrl+c"),
		Help:     b("?", "keys", "?"),
		Up:       b("↑/k", "scroll up", "up", "k"),
		Down:     b("↓/j", "scroll down", "down", "j"),
		PageUp:   b("pgup", "page up", "pgup"),
		PageDown: b("pgdn/space", "page down", "pgdown", " "),
	}
}

// keyDescriptions say at length what the fixed keys do, for the help
// screen.
var keyDescriptions = map[string]string{
	"save":        "save this article's labels (every head picked) and go on",
	"accept all":  "accept the suggestion (*) for every head not picked yet, and save",
	"skip":        "skip this article for now (nothing is saved)",
	"undo":        "undo the last pick; with none, go back",
	"back":        "take the last saved article out of the file and relabel it",
	"quit":        "quit (saved articles are kept; run the same command to go on)",
	"keys":        "show or hide this screen",
	"scroll up":   "scroll the text up",
	"scroll down": "scroll the text down",
	"page up":     "scroll the text a page up",
	"page down":   "scroll the text a page down",
}

// ShortHelp and FullHelp make labelKeys a help.KeyMap.
func (k labelKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Accept, k.Skip, k.Undo, k.Back, k.Quit, k.Help}
}

func (k labelKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Accept, k.Skip, k.Undo, k.Back, k.Quit, k.Help}, {k.Up, k.Down, k.PageUp, k.PageDown}}
}

// reservedKeys are the fixed keys' letters, which values never get.
const reservedKeys = "anubqkjw? "

// assignValueKeys gives every value a key: single-label heads take the
// digits 1…9, 0 in schema order, then letters; multi-label heads take the
// first free letter of each value's name, then any free letter.
func assignValueKeys(s *labels.Schema) []valueKey {
	used := map[string]bool{}
	for _, r := range reservedKeys {
		used[string(r)] = true
	}
	var out []valueKey
	free := func(cands string) string {
		for _, r := range cands {
			if k := string(r); !used[k] && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				used[k] = true
				return k
			}
		}
		return ""
	}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for h, head := range s.Heads {
		for v, name := range head.Values {
			var k string
			if head.Multi {
				k = free(strings.ToLower(name) + letters + "1234567890")
			} else {
				k = free("1234567890" + strings.ToLower(name) + letters)
			}
			out = append(out, valueKey{h, v, k}) // "" when the keys run out
		}
	}
	return out
}

// labelEdit is one pick, for undo.
type labelEdit struct {
	head, value int
	prev        string // single-label: the value before ("" for none)
}

// labelModel is the labeller: a bubbletea model.
type labelModel struct {
	p         *pool
	log       *labels.LabelLog
	ranker    *active.Ranker
	order     string
	queue     []int // input or shuffled order
	annotator string
	now       func() time.Time
	keys      labelKeys
	vkeys     []valueKey
	help      help.Model

	labelled map[int]bool // articles in the file
	skipped  map[int]bool
	stack    []int // articles to show before the order's next (after back)
	session  int   // articles saved by this run and still in the file
	ours     map[string]bool

	cur     int // article shown; -1 when none is left
	why     *active.Pick
	shownAt time.Time
	single  map[string]string
	multi   map[string][]bool
	edits   []labelEdit
	ex      []stance.HeadExplanation
	words   map[string]bool // the article's lower-cased words, for evidence

	vp            viewport.Model
	width, height int
	showHelp      bool
	status        string
	fatal         error
}

func newLabelModel(p *pool, log *labels.LabelLog, order string, seed uint64, annotator string, now func() time.Time) *labelModel {
	m := &labelModel{p: p, log: log, order: order, annotator: annotator, now: now, keys: newLabelKeys(),
		vkeys: assignValueKeys(p.schema), help: help.New(), labelled: map[int]bool{}, skipped: map[int]bool{},
		ours: map[string]bool{}, width: 80, height: 24, queue: p.orderOf(order, seed)}
	m.ranker = p.ranker(log.Sets())
	for _, ls := range log.Sets() {
		if i, ok := p.index[ls.ID]; ok {
			m.labelled[i] = true
		}
	}
	m.vp = viewport.New(80, 8)
	m.advance()
	return m
}

func (m *labelModel) Init() tea.Cmd { return nil }

// remaining is how many articles are neither labelled nor skipped.
func (m *labelModel) remaining() int {
	n := 0
	for i := range m.p.arts {
		if !m.labelled[i] && !m.skipped[i] {
			n++
		}
	}
	return n
}

// advance shows the next article: one put back by back, else the order's
// next; with none left, cur is -1.
func (m *labelModel) advance() {
	for len(m.stack) > 0 {
		i := m.stack[len(m.stack)-1]
		m.stack = m.stack[:len(m.stack)-1]
		if !m.labelled[i] {
			m.show(i, nil)
			return
		}
	}
	if m.order == "active" {
		if pk, ok := m.ranker.Next(); ok {
			m.show(pk.Index, nil)
			m.why = &pk
			return
		}
		// Left: articles the model does not read, in input order.
	}
	for _, i := range m.queue {
		if !m.labelled[i] && !m.skipped[i] {
			m.show(i, nil)
			return
		}
	}
	m.cur = -1
	m.why = nil
}

// show makes article i the current one, with the picks of prev (a record
// taken back) or, for a multi-label head, the model's suggestion.
func (m *labelModel) show(i int, prev *labels.LabelSet) {
	m.cur, m.why, m.shownAt, m.edits, m.status = i, nil, m.now(), nil, ""
	m.single, m.multi = map[string]string{}, map[string][]bool{}
	_, sugMulti := m.p.suggestion(i)
	for _, h := range m.p.schema.Heads {
		if !h.Multi {
			if prev != nil && prev.Single[h.Name] != "" {
				m.single[h.Name] = prev.Single[h.Name]
			}
			continue
		}
		on := make([]bool, len(h.Values))
		vals := sugMulti[h.Name]
		if prev != nil {
			vals = prev.Multi[h.Name]
		}
		for _, v := range vals {
			if k := h.Index(v); k >= 0 {
				on[k] = true
			}
		}
		m.multi[h.Name] = on
	}
	a := m.p.arts[i]
	m.ex = nil
	if m.p.preds[i] != nil {
		_, m.ex = explainArticle(m.p.model, a, 8, nil)
	}
	m.words = map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(a.Text), notWordRune) {
		m.words[w] = true
	}
	m.setText()
}

func (m *labelModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.setText()
		return m, nil
	case tea.KeyMsg:
		// Keys typed faster than they are read arrive as one message.
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 {
			for _, r := range msg.Runes {
				if cmd := m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}); cmd != nil {
					return m, cmd
				}
			}
			return m, nil
		}
		return m, m.key(msg)
	}
	return m, nil
}

// key handles one key press; it returns tea.Quit to stop.
func (m *labelModel) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.Quit) {
		return tea.Quit
	}
	if m.showHelp {
		m.showHelp = false
		return nil
	}
	m.status = ""
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp = true
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, k.Back):
		m.back()
	case key.Matches(msg, k.Undo):
		if m.cur >= 0 && len(m.edits) > 0 {
			m.undo()
		} else {
			m.back()
		}
	case m.cur < 0:
		m.status = "every article is labelled or skipped: b goes back, q quits"
	case key.Matches(msg, k.Save):
		m.save(false)
	case key.Matches(msg, k.Accept):
		m.save(true)
	case key.Matches(msg, k.Skip):
		m.skipped[m.cur] = true
		m.ranker.Done(m.cur)
		m.advance()
	default:
		m.pick(msg.String())
	}
	if m.fatal != nil {
		return tea.Quit
	}
	return nil
}

// pick sets (single-label) or toggles (multi-label) the value whose key
// is s.
func (m *labelModel) pick(s string) {
	for _, vk := range m.vkeys {
		if vk.key != s {
			continue
		}
		head := &m.p.schema.Heads[vk.head]
		if head.Multi {
			on := m.multi[head.Name]
			on[vk.value] = !on[vk.value]
			m.edits = append(m.edits, labelEdit{head: vk.head, value: vk.value})
			return
		}
		m.edits = append(m.edits, labelEdit{head: vk.head, value: vk.value, prev: m.single[head.Name]})
		m.single[head.Name] = head.Values[vk.value]
		return
	}
	m.status = fmt.Sprintf("%q is not a key here; ? shows the keys", s)
}

func (m *labelModel) undo() {
	e := m.edits[len(m.edits)-1]
	m.edits = m.edits[:len(m.edits)-1]
	head := &m.p.schema.Heads[e.head]
	if head.Multi {
		on := m.multi[head.Name]
		on[e.value] = !on[e.value]
		return
	}
	if e.prev == "" {
		delete(m.single, head.Name)
	} else {
		m.single[head.Name] = e.prev
	}
}

// save appends the current article's labels to the file and goes on.
// With accept, every single-label head not picked takes the model's
// suggestion.
func (m *labelModel) save(accept bool) {
	sugSingle, _ := m.p.suggestion(m.cur)
	single := map[string]string{}
	var missing []string
	for _, h := range m.p.schema.Heads {
		if h.Multi {
			continue
		}
		v, ok := m.single[h.Name]
		if !ok && accept {
			v, ok = sugSingle[h.Name]
		}
		if !ok {
			missing = append(missing, h.Name)
			continue
		}
		single[h.Name] = v
	}
	if len(missing) > 0 {
		if accept {
			m.status = fmt.Sprintf("no suggestion here (not scored): pick %s", strings.Join(missing, ", "))
		} else {
			m.status = fmt.Sprintf("pick %s first (or a to accept the suggestions)", strings.Join(missing, ", "))
		}
		return
	}
	multi := map[string][]string{}
	for _, h := range m.p.schema.Heads {
		if !h.Multi {
			continue
		}
		vals := []string{}
		for v, on := range m.multi[h.Name] {
			if on {
				vals = append(vals, h.Values[v])
			}
		}
		multi[h.Name] = vals
	}
	now := m.now()
	a := m.p.arts[m.cur]
	err := m.log.Append(labels.Entry{ID: a.ID, Single: single, Multi: multi, Annotator: m.annotator, Time: now, Seconds: now.Sub(m.shownAt).Seconds()})
	if err != nil {
		m.fatal = err
		return
	}
	ls := m.log.Sets()[m.log.Len()-1]
	m.labelled[m.cur] = true
	m.ours[a.ID] = true
	m.session++
	m.ranker.Done(m.cur)
	m.ranker.Observe(m.p.cands[m.cur].Vec, m.p.disagreement(m.cur, ls))
	m.ranker.AdjustPriors(m.p.labelCounts(m.log.Sets()))
	m.advance()
}

// back takes the file's last record out and shows its article again with
// its labels; the article that was shown comes next.
func (m *labelModel) back() {
	sets := m.log.Sets()
	if len(sets) == 0 {
		m.status = "nothing to go back to: the labels file is empty"
		return
	}
	last := sets[len(sets)-1]
	i, ok := m.p.index[last.ID]
	if !ok {
		m.status = fmt.Sprintf("the last record, %s, is not among these articles; going back stops here", last.ID)
		return
	}
	ls, err := m.log.Pop()
	if err != nil {
		m.fatal = err
		return
	}
	if m.ours[ls.ID] {
		m.session--
		delete(m.ours, ls.ID)
	}
	m.labelled[i] = false
	if m.p.preds[i] != nil {
		m.ranker.Undone(i)
	}
	m.ranker.AdjustPriors(m.p.labelCounts(m.log.Sets()))
	if m.cur >= 0 {
		m.stack = append(m.stack, m.cur)
	}
	m.show(i, ls)
	m.status = fmt.Sprintf("back to %s: its record is out of the file until you save it again", ls.ID)
}

func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r > 127)
}

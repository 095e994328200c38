package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/features"
)

var (
	styleTitle   = lipgloss.NewStyle().Bold(true)
	styleDim     = lipgloss.NewStyle().Faint(true)
	styleChosen  = lipgloss.NewStyle().Reverse(true)
	styleSuggest = lipgloss.NewStyle().Bold(true)
	styleStatus  = lipgloss.NewStyle().Bold(true)
)

// Smallest terminal the labeller draws in.
const minLabelWidth, minLabelHeight = 50, 16

// headlineAndBody splits an article into a headline (its first line, when
// a blank line follows; else a "title" field) and the rest.
func headlineAndBody(text, title string) (string, string) {
	if first, rest, ok := strings.Cut(text, "\n"); ok && len(first) <= 300 && strings.HasPrefix(strings.TrimLeft(rest, " \t\r"), "\n") {
		return strings.TrimSpace(first), strings.TrimSpace(rest)
	}
	return title, strings.TrimSpace(text)
}

// setText lays the current article's body into the text pane.
func (m *labelModel) setText() {
	m.vp.Width = max(m.width, 1)
	if m.cur < 0 {
		m.vp.SetContent("")
		return
	}
	a := m.p.arts[m.cur]
	title, _ := a.MetaString("title")
	_, body := headlineAndBody(a.Text, title)
	m.vp.SetContent(ansi.Wrap(body, max(m.width, 10), ""))
	m.vp.GotoTop()
	m.layout()
}

// layout sizes the text pane to what the other parts leave, and returns
// those parts: the heads' lines and the evidence lines.
func (m *labelModel) layout() (heads, why []string) {
	heads = m.headLines(m.width)
	why = m.evidenceLines(m.width)
	// title, meta, headline; rule, status.
	fixed := 3 + 1 + len(heads) + 1
	text := m.height - fixed - len(why)
	if text < 3 { // a small terminal: the text matters more than the evidence
		keep := max(0, len(why)-(3-text))
		why = why[:keep]
		text = m.height - fixed - len(why)
	}
	m.vp.Height = max(text, 1)
	return heads, why
}

func (m *labelModel) View() string {
	if m.width < minLabelWidth || m.height < minLabelHeight {
		return fmt.Sprintf("The terminal is %dx%d; the labeller needs at least %dx%d.\nq quits.", m.width, m.height, minLabelWidth, minLabelHeight)
	}
	if m.showHelp {
		return m.helpView()
	}
	w := m.width
	var b strings.Builder
	line := func(s string) {
		b.WriteString(ansi.Truncate(s, w, "…"))
		b.WriteByte('\n')
	}
	left := fmt.Sprintf("stance label · %s · %d labelled (%d now) · %d to go · %s", filepath.Base(m.log.Path()), m.log.Len(), m.session, m.remaining(), m.order)
	right := "? keys"
	if gap := w - ansi.StringWidth(left) - ansi.StringWidth(right); gap > 0 {
		line(styleTitle.Render(left) + strings.Repeat(" ", gap) + styleDim.Render(right))
	} else {
		line(styleTitle.Render(left))
	}
	if m.cur < 0 {
		b.WriteString("\nEvery article is labelled or skipped.\n\nb takes the last one back out of the file to relabel it; q quits.\n")
		if m.status != "" {
			b.WriteString("\n" + styleStatus.Render(m.status) + "\n")
		}
		return b.String()
	}
	a := m.p.arts[m.cur]
	meta := []string{a.ID}
	for _, k := range []string{"outlet", "date"} {
		if v, ok := a.MetaString(k); ok && v != "" {
			meta = append(meta, v)
		}
	}
	switch {
	case m.p.preds[m.cur] == nil:
		meta = append(meta, "not scored: "+m.p.reason[m.cur])
	case m.why != nil:
		next := fmt.Sprintf("next because: least sure %s (margin %.2f)", leastSure(m.p, *m.why), m.why.Margin)
		if m.why.Similar >= 0.05 {
			next += fmt.Sprintf(", %.2f like a labelled one", m.why.Similar)
		}
		meta = append(meta, next)
	}
	if m.p.trained[m.cur] {
		meta = append(meta, "in the model's training data")
	}
	line(styleDim.Render(strings.Join(meta, " · ")))
	title, _ := a.MetaString("title")
	headline, _ := headlineAndBody(a.Text, title)
	if headline == "" {
		headline = "(no headline)"
	}
	line(styleTitle.Render(headline))
	heads, why := m.layout()
	b.WriteString(m.vp.View())
	b.WriteByte('\n')
	rule := "─── suggestions (*), your picks [ ] "
	if m.vp.TotalLineCount() > m.vp.Height {
		rule = fmt.Sprintf("─── text %d%% · suggestions (*), your picks [ ] ", int(m.vp.ScrollPercent()*100+0.5))
	}
	line(styleDim.Render(rule + strings.Repeat("─", max(0, w-ansi.StringWidth(rule)))))
	for _, h := range heads {
		line(h)
	}
	for _, x := range why {
		line(styleDim.Render(x))
	}
	if m.status != "" {
		b.WriteString(ansi.Truncate(styleStatus.Render(m.status), w, "…"))
	} else {
		b.WriteString(ansi.Truncate(m.help.ShortHelpView(m.keys.ShortHelp()), w, "…"))
	}
	return b.String()
}

// headLines shows each head's values with their keys and probabilities,
// the suggestion starred and the annotator's picks in brackets, wrapped
// to width w.
func (m *labelModel) headLines(w int) []string {
	if m.cur < 0 {
		return nil
	}
	s := m.p.schema
	nameW := 0
	for _, h := range s.Heads {
		nameW = max(nameW, len(h.Name))
	}
	pred := m.p.preds[m.cur]
	var out []string
	for h, head := range s.Heads {
		line := fmt.Sprintf("%-*s", nameW+1, head.Name)
		indent := strings.Repeat(" ", nameW+1)
		prevChosen := false
		for _, vk := range m.vkeys {
			if vk.head != h {
				continue
			}
			v := vk.value
			item := vk.key + " " + head.Values[v]
			suggested := false
			if pred != nil && len(pred[h].Probs) > v {
				item += fmt.Sprintf(" %d%%", int(pred[h].Probs[v]*100+0.5))
				suggested = head.Multi && slices.Contains(pred[h].Labels, v) || !head.Multi && pred[h].Label == v
			}
			if suggested {
				item += "*"
			}
			chosen := head.Multi && m.multi[head.Name][v] || !head.Multi && m.single[head.Name] == head.Values[v]
			if chosen {
				item = styleChosen.Render("[" + item + "]")
				if prevChosen {
					item = " " + item
				}
			} else {
				item = " " + item + " "
				if suggested {
					item = styleSuggest.Render(item)
				}
			}
			if ansi.StringWidth(line)+ansi.StringWidth(item) > w {
				out = append(out, line)
				line = indent
			}
			line += item
			prevChosen = chosen
		}
		out = append(out, line)
	}
	return out
}

// evidenceLines say, one line per head, what drove the model's
// suggestion: the sentence whose removal lowers it most and the cue words
// and words among its top features.
func (m *labelModel) evidenceLines(w int) []string {
	var out []string
	done := map[string]bool{}
	for _, x := range m.ex {
		if done[x.Head] {
			continue // a multi-label head: its first decision only
		}
		done[x.Head] = true
		value := strings.TrimPrefix(x.Decision, x.Head+"=")
		line := fmt.Sprintf("%s %s ← ", x.Head, value)
		if ev := readableFeatures(x, m.words); len(ev) > 0 {
			line += strings.Join(ev, " · ")
		}
		if len(x.Sentences) > 0 {
			if !strings.HasSuffix(line, "← ") {
				line += " · "
			}
			room := max(24, w-ansi.StringWidth(line)-2)
			line += "“" + clip(x.Sentences[0].Sentence, room-1) + "”"
		}
		out = append(out, ansi.Truncate(line, w, "…"))
	}
	return out
}

// readableFeatures turns a decision's top features into words: the
// article's words behind each cue category ("hostile: regime,
// aggression"), then plain word features.
func readableFeatures(x stance.HeadExplanation, words map[string]bool) []string {
	var cues []string
	cueWords := map[string][]string{}
	var plain []string
	for _, f := range x.Features {
		name := f.Feature
		if dot, colon := strings.IndexByte(name, '.'), strings.IndexByte(name, ':'); dot >= 0 && (colon < 0 || dot < colon) {
			name = name[dot+1:] // a head's own feature: "israel.cue:right:military"
		}
		parts := strings.Split(name, ":")
		if parts[0] == "word" && len(parts) == 2 {
			if len(parts[1]) > 3 && !stopWords[parts[1]] && !slices.Contains(plain, parts[1]) {
				plain = append(plain, parts[1])
			}
			continue
		}
		kind := parts[len(parts)-1]
		for c := features.CueHostile; c <= features.CueThreat; c++ {
			if c.String() != kind || slices.Contains(cues, kind) {
				continue
			}
			for _, cw := range c.Words() {
				if words[cw] && len(cueWords[kind]) < 4 {
					cueWords[kind] = append(cueWords[kind], cw)
				}
			}
			if len(cueWords[kind]) > 0 {
				cues = append(cues, kind)
			}
		}
	}
	var out []string
	for _, k := range cues {
		out = append(out, k+": "+strings.Join(cueWords[k], ", "))
	}
	if len(plain) > 0 {
		out = append(out, "words: "+strings.Join(plain[:min(len(plain), 5)], ", "))
	}
	return out
}

// stopWords are words too common to say why (longer than three letters;
// shorter ones are never shown).
var stopWords = map[string]bool{"that": true, "this": true, "with": true, "from": true, "have": true, "were": true,
	"been": true, "will": true, "their": true, "they": true, "also": true, "which": true, "said": true, "would": true,
	"there": true, "about": true, "into": true, "after": true, "than": true, "over": true}

func (m *labelModel) helpView() string {
	var b strings.Builder
	b.WriteString(styleTitle.Render("Keys") + "\n\n")
	s := m.p.schema
	for h, head := range s.Heads {
		var ks []string
		for _, vk := range m.vkeys {
			if vk.head == h && vk.key != "" {
				ks = append(ks, vk.key+" "+head.Values[vk.value])
			}
		}
		verb := "pick"
		if head.Multi {
			verb = "toggle"
		}
		b.WriteString(ansi.Wrap(fmt.Sprintf("%s (%s): %s", head.Name, verb, strings.Join(ks, ", ")), m.width, ""))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	for _, k := range append(m.keys.ShortHelp(), m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown) {
		hl := k.Help()
		b.WriteString(ansi.Truncate(fmt.Sprintf("  %-10s %s", hl.Key, keyDescriptions[hl.Desc]), m.width, "…"))
		b.WriteByte('\n')
	}
	b.WriteString("\nEach saved article is written to the labels file at once; quit any time\nand run the same command to go on. Any key closes this.")
	return b.String()
}

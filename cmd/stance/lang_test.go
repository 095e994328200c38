package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Sentences written for this test.
const (
	langRU = "Министр иностранных дел Азербайджана встретился в Баку с послом Израиля, а в Тегеране выразили протест по этому поводу."
	langEN = "Azerbaijan and Iran opened a new railway link across the Aras river on Monday, officials in Baku said."
	langFR = "L'Azerbaïdjan a condamné l'agression du régime israélien contre l'Iran, a déclaré vendredi le ministère des Affaires étrangères à Bakou."
)

// train --languages makes a model that reads the languages it names;
// score --lang restricts it and --assume-lang overrides detection; a
// language the model does not read is a usage error.
func TestLanguagesFlags(t *testing.T) {
	lab := subsetLabels(t, "wire/", "israel/")
	model := filepath.Join(t.TempDir(), "m.stance")
	if _, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", lab, "--languages", "en,ru", "-o", model); code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	in := `{"id":"ru","text":"` + langRU + `"}` + "\n" + `{"id":"en","text":"` + langEN + `"}` + "\n" + `{"id":"fr","text":"` + langFR + `"}` + "\n"
	scored := func(args ...string) string {
		t.Helper()
		out, errs, code := cli(t, in, append([]string{"score", "--model", model, "--format", "csv"}, append(args, "-")...)...)
		if code != 0 {
			t.Fatalf("score %v: exit %d: %s", args, code, errs)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			f := strings.Split(l, ",")
			got = append(got, f[0]+":"+langScored(t, out, l))
		}
		return strings.Join(got, " ")
	}
	if got, want := scored(), "ru:ru=true en:en=true fr:fr=false"; got != want {
		t.Errorf("no flags: %s, want %s", got, want)
	}
	if got, want := scored("--lang", "ru"), "ru:ru=true en:en=false fr:fr=false"; got != want {
		t.Errorf("--lang ru: %s, want %s", got, want)
	}
	if got, want := scored("--assume-lang", "en"), "ru:en=true en:en=true fr:en=true"; got != want {
		t.Errorf("--assume-lang en: %s, want %s", got, want)
	}
	for _, bad := range [][]string{{"--lang", "fa"}, {"--assume-lang", "he"}} {
		_, errs, code := cli(t, in, append([]string{"score", "--model", model}, append(bad, "-")...)...)
		if code != 2 || !strings.Contains(errs, "this model reads en, ru") {
			t.Errorf("score %v: exit %d: %s", bad, code, errs)
		}
	}
	if _, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", lab, "--languages", "english", "-o", model); code != 2 || !strings.Contains(errs, "--languages") {
		t.Errorf("train --languages english: exit %d: %s", code, errs)
	}
}

// langScored returns "LANG=SCORED" for one CSV row of out, by the header's
// lang and scored columns.
func langScored(t *testing.T, out, row string) string {
	t.Helper()
	head := strings.Split(strings.SplitN(out, "\n", 2)[0], ",")
	f := strings.Split(row, ",")
	col := func(name string) string {
		for i, h := range head {
			if h == name && i < len(f) {
				return f[i]
			}
		}
		t.Fatalf("no %s column in %v", name, head)
		return ""
	}
	return col("lang") + "=" + col("scored")
}

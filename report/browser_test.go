package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// chromium returns a headless-capable Chromium, or skips t saying how to
// get one. STANCE_CHROMIUM names one explicitly.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the report is not checked in a browser (Chromium takes 5-25 s to start here)")
	}
	if p := os.Getenv("STANCE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH (Debian: apt-get install chromium; or set STANCE_CHROMIUM): the report is not checked in a browser")
	return ""
}

// screenshot renders page in headless Chromium at w×h pixels and returns
// the PNG. With STANCE_SCREENSHOT_DIR set, the page and the PNG are kept
// there as name.html and name.png.
func screenshot(t *testing.T, page []byte, name string, w, h int) []byte {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	if d := os.Getenv("STANCE_SCREENSHOT_DIR"); d != "" {
		dir = d
	}
	html, shot := filepath.Join(dir, name+".html"), filepath.Join(dir, name+".png")
	if err := os.WriteFile(html, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--window-size="+itoa(w)+","+itoa(h), "--screenshot="+shot, "file://"+html)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, out)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("chromium wrote no screenshot: %v", err)
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestReportInChromium renders the evaluation report in a real browser and
// checks that the plots are painted: the confusion matrix's darkest cells
// and the curves' blue are on the screenshot.
func TestReportInChromium(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, testReport()); err != nil {
		t.Fatal(err)
	}
	shot := screenshot(t, b.Bytes(), "eval-report", 1200, 1400)
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if r := img.Bounds(); r.Dx() != 1200 || r.Dy() != 1400 {
		t.Errorf("screenshot is %v, want 1200×1400", r)
	}
	dark, blue, colours := 0, 0, map[[3]uint32]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			colours[[3]uint32{r, g, b}] = true
			if r < 40 && g < 80 && b > 90 && b < 150 { // the heat map's darkest blue (8, 48, 107)
				dark++
			}
			if r < 30 && g > 90 && g < 140 && b > 150 { // the first series' blue (0, 114, 178)
				blue++
			}
		}
	}
	if dark < 500 {
		t.Errorf("%d pixels of the confusion matrix's dark blue; the heat map was not painted", dark)
	}
	if blue < 50 {
		t.Errorf("%d pixels of the curves' blue; the curves were not painted", blue)
	}
	if len(colours) < 50 {
		t.Errorf("%d colours on the screenshot; the page looks blank", len(colours))
	}
}

package report

import "html/template"

// style is the pages' one style sheet, inline.
const style = `
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 1.5em auto; max-width: 1180px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #0072b2; padding-bottom: .15em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-top: 1.4em; }
p.meta { color: #555; margin: .2em 0; font-size: .92em; }
table { border-collapse: collapse; margin: .6em 0; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .25em .55em; }
th { background: #eef3f8; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.sum td { background: #f7f7f7; }
.figs { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
figure { margin: 0; border: 1px solid #e3e3e3; padding: .4em; background: #fff; max-width: 100%; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .8em; color: #555; max-width: 30em; margin-top: .3em; }
td.ev { font-size: .85em; color: #333; }
td.ev div { margin: .1em 0; }
.note { background: #fff8e5; border-left: 4px solid #e69f00; padding: .4em .8em; font-size: .92em; }
`

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"css": func() template.CSS { return template.CSS(style) },
}

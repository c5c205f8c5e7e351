/**
 * The widgets' own styles, inside their shadow roots. The partner page's rules cannot select
 * anything inside, but they do reach the host element (a `*` rule above all), and through it
 * everything the host's children inherit. A page's rules beat the host's own unless those are
 * !important, so the host resets every property (`all`, and `direction`, which `all` leaves)
 * with !important; the widget then sets each one it wants on its own box. Text decorations are not
 * inherited but drawn through every block inside a decorated one: the widget's box is an
 * inline-block, atomic, which a page's underline does not enter.
 */
export const WIDGET_STYLE = `
:host { all: initial !important; direction: ltr !important; display: block !important; contain: content !important; max-width: 100% !important; }
:host([hidden]) { display: none !important; }
.widget {
  display: inline-block; vertical-align: top; width: 100%; box-sizing: border-box;
  font-family: system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Noto Sans JP', 'Yu Gothic', sans-serif;
  font-size: 15px; line-height: 1.6; color: #1d2428; background: #fff;
  border: 1px solid #d5dce1; border-top: 4px solid #0b6e4f; border-radius: 8px; padding: 14px 16px; text-align: left;
}
header { margin-bottom: 10px; }
h2 { margin: 0; font-size: 19px; line-height: 1.35; }
h3 { margin: 0 0 4px; font-size: 15px; }
.kicker { margin: 0; font-size: 12px; color: #0b6e4f; font-weight: 600; letter-spacing: 0.04em; }
.sub { font-size: 13px; font-weight: normal; color: #5b6770; }
.description { margin: 4px 0 0; font-size: 13px; color: #5b6770; }
.cities { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.city { border-top: 2px solid #e3f2ec; padding-top: 6px; }
.count { font-size: 12px; font-weight: normal; color: #5b6770; }
.record { margin-bottom: 8px; }
blockquote { margin: 4px 0 0; padding: 2px 8px; border-left: 3px solid #0b6e4f; font-size: 13px; color: #33403f; }
.source-link { display: inline-block; margin-top: 2px; font-size: 12px; }
.none { margin: 0; color: #8a959c; font-style: italic; font-size: 13px; }
.plans { max-height: 420px; overflow: auto; }
.plans:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.plan h3 { margin-top: 6px; }
.records { list-style: none; margin: 0 0 8px; padding: 0; }
.records li { padding: 4px 0; border-bottom: 1px solid #eef1f3; display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; }
.category { font-size: 12px; color: #5b6770; }
.concepts { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.concept { font-size: 11px; border: 1px solid #9fd0bd; background: #e3f2ec; border-radius: 999px; padding: 0 7px; }
footer { margin-top: 12px; padding-top: 8px; border-top: 1px solid #d5dce1; font-size: 12px; color: #5b6770; }
footer p { margin: 2px 0; }
a { color: #0b6e4f; }
a:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.status, .error { margin: 0; font-size: 14px; }
.error { color: #9b1c1c; }
`;

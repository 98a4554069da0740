// Markdown that would run script if a renderer let it through: every Markdown surface of the web
// app (timeline entries, learnings) is tested against the same list in real Chromium.

/** Each payload would set window.__xss if anything in it ran; the last is a link that must keep working. */
export const XSS_PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src="x" onerror="window.__xss = 2">',
  '[javascript link](javascript:window.__xss=3)',
  '[data link](data:text/html,<script>window.__xss=4</script>)',
  '<iframe src="javascript:window.__xss=5"></iframe>',
  '<a href="#" onclick="window.__xss = 6">raw anchor</a>',
  '![picture](x" onerror="window.__xss=7)',
  '[encoded link](jav&#x61;script:window.__xss=8)',
  '<svg onload="window.__xss = 9"></svg>',
  '<details open ontoggle="window.__xss = 10">x</details>',
  '[JS upper](JAVASCRIPT:window.__xss=11)',
  '<style>body { display: none }</style>',
  '[fine link](https://example.com/runbook)',
];

/**
 * The web chat page at `/`: one self-contained HTML document (inline CSS and script, no
 * fonts, no CDN) made for cheap phones on slow links, served gzip-compressed when the
 * browser accepts it. A strict Content-Security-Policy allows only this page's own script
 * and style (by hash) and requests to this origin.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { pageScript } from './page-script.js';

const pageStyle = `
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{display:flex;flex-direction:column;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
header{padding:.5rem;border-bottom:1px solid #ccc;background:#f6f7f9}
#users{display:flex;gap:.25rem}
#users button{flex:1;min-width:0;padding:.4rem .2rem;font-size:.875rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.who{display:flex;justify-content:space-between;align-items:center;gap:.5rem;font-size:.875rem;color:#333}
button,.inline-button{font:inherit;min-height:44px;padding:.4rem .7rem;border:1px solid #0b57d0;border-radius:.5rem;background:#fff;color:#0b57d0;cursor:pointer}
button:disabled{border-color:#888;color:#555;cursor:not-allowed}
#users button[aria-pressed=true]{background:#0b57d0;color:#fff}
header label{display:flex;align-items:center;gap:.3rem;min-height:44px}
header input{width:1.25rem;height:1.25rem}
main{flex:1;min-height:0;overflow-y:auto;padding:.5rem}
#messages{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.5rem}
.bubble{max-width:min(85%,36rem);padding:.5rem .7rem;border-radius:.8rem;overflow-wrap:anywhere;white-space:pre-wrap}
.bubble.bot{align-self:flex-start;background:#eef1f5}
.bubble.user{align-self:flex-end;background:#0b57d0;color:#fff}
.bubble.user a{color:#fff}
.bubble img{display:block;max-width:100%;height:auto;border-radius:.5rem}
.bubble pre{margin:.3rem 0;padding:.4rem;overflow-x:auto;background:#fff;border-radius:.3rem}
.bubble code{font-family:ui-monospace,monospace}
.bubble blockquote{margin:.3rem 0;padding-inline-start:.6rem;border-inline-start:3px solid #0b57d0}
.spoiler{background:#555;color:transparent;border-radius:.2rem;cursor:pointer}
.spoiler:focus,.spoiler:hover,.spoiler:active{background:none;color:inherit}
.meta{font-size:.8rem;opacity:.8;text-align:end;white-space:normal}
.meta .edit{min-height:32px;padding:0 .5rem;border-color:currentColor;background:transparent;color:inherit;font-size:.8rem}
.bubble:not(.latest) .edit{display:none}
.reply-to{font-size:.85rem;border-inline-start:3px solid currentColor;padding-inline-start:.4rem;margin-bottom:.3rem;opacity:.85}
.inline-keyboard,#reply-keyboard{display:flex;flex-direction:column;gap:.25rem;margin-top:.4rem;white-space:normal}
.row{display:flex;gap:.25rem}
.row>*{flex:1;text-align:center;text-decoration:none;display:flex;align-items:center;justify-content:center}
[aria-busy=true]{opacity:.6}
.document{display:block;padding:.3rem 0;color:inherit}
.sticker{font-size:3rem;line-height:1}
#empty{text-align:center;color:#444;margin:2rem 1rem}
#typing{margin:.5rem;color:#444;font-style:italic}
#toast{position:fixed;left:50%;bottom:6rem;transform:translateX(-50%);max-width:90%;padding:.6rem 1rem;border-radius:.5rem;background:#222;color:#fff}
footer{border-top:1px solid #ccc;padding:.5rem;background:#f6f7f9}
#reply-keyboard{margin:0 0 .5rem}
#menu{display:flex;flex-direction:column;gap:.25rem;margin-bottom:.5rem;max-height:40vh;overflow-y:auto}
#menu button{text-align:start}
#composer{display:flex;gap:.25rem;align-items:center}
#text{flex:1;min-width:0;min-height:44px;font:inherit;padding:.4rem .6rem;border:1px solid #666;border-radius:.5rem}
.icon-button svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}
.icon-button{display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;border:1px solid #0b57d0;border-radius:.5rem;color:#0b57d0;cursor:pointer;background:#fff}
#file:focus-visible+.icon-button{outline:3px solid #b45309;outline-offset:2px}
#status{margin:.3rem 0 0;min-height:1.2em;color:#a4161a}
[hidden]{display:none!important}
`;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Safety Net — web chat</title>
<style>${pageStyle}</style>
</head>
<body>
<header>
  <h1 class="visually-hidden">Safety Net web chat</h1>
  <nav id="users" aria-label="Demo users"></nav>
  <div class="who"><span id="current-user"></span><label><input type="checkbox" id="block"> Block bot</label></div>
</header>
<main>
  <ol id="messages" role="log" aria-live="polite" aria-label="Conversation with the bot"></ol>
  <div id="empty" hidden>
    <p>No messages yet. Send <strong>/start</strong> to begin.</p>
    <button type="button" id="start">Send /start</button>
  </div>
  <p id="typing" hidden>The bot is typing…</p>
</main>
<div id="toast" role="status" aria-live="polite" hidden></div>
<footer>
  <div id="reply-keyboard" role="group" aria-label="Suggested replies" hidden></div>
  <div id="menu" role="menu" aria-label="Bot commands" hidden></div>
  <form id="composer">
    <button type="button" id="menu-button" aria-haspopup="menu" aria-expanded="false" aria-controls="menu">Menu</button>
    <input type="file" id="file" class="visually-hidden" accept="image/jpeg,image/png,image/webp,application/pdf">
    <label for="file" class="icon-button" title="Attach an image or PDF"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.3 3.3 0 0 1 4.7 4.7L10.2 17.7a1.7 1.7 0 0 1-2.4-2.4L15.5 7.6"/></svg><span class="visually-hidden">Attach an image or PDF</span></label>
    <label for="text" class="visually-hidden">Message</label>
    <input type="text" id="text" dir="auto" autocomplete="off" enterkeyhint="send" placeholder="Message">
    <button type="button" id="cancel-edit" hidden>Cancel</button>
    <button type="submit" id="send">Send</button>
  </form>
  <p id="status" role="alert"></p>
</footer>
<script>${pageScript}</script>
</body>
</html>
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${sha256(pageScript)}`,
  `style-src ${sha256(pageStyle)}`,
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function pageRoutes(): Hono {
  const app = new Hono();
  app.get('/', compress(), (c) =>
    c.html(page, 200, {
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    }),
  );
  // Browsers ask for it on their own; answering spares a 404 on every visit.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'max-age=86400' }));
  return app;
}

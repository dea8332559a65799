/*
 * Parley chat widget: <script src="https://HOST/widget.js" data-bot-id="BOT_ID" async></script>
 *
 * Everything lives in a shadow root so the host page's CSS cannot reach in and ours cannot leak out.
 * Text from the model, the knowledge or the server is only ever put into the page with textContent and
 * createElement: no innerHTML, so nothing it contains can run. Links are kept only when they are http(s).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.getAttribute('data-bot-id')) {
    return;
  }
  var botId = script.getAttribute('data-bot-id');
  var apiBase = new URL(script.src, location.href).origin;
  var storageKey = 'parley:' + botId;
  var maxStoredMessages = 60;

  var friendly = {
    rate_limited: 'You are sending messages a little too fast. Please wait a moment and try again.',
    unavailable: 'This assistant is not available right now. Please try again later.',
    not_found: 'This assistant could not be found.',
    refused: 'This assistant is not available on this website.',
    network: 'The assistant could not be reached. Check your connection and try again.',
    invalid: 'That message could not be sent. Please check it and try again.',
    generic: 'Something went wrong. Please try again.'
  };

  // ---- state kept per bot in the visitor's browser -------------------------------------------------

  function loadState() {
    var state = null;
    try {
      state = JSON.parse(localStorage.getItem(storageKey) || 'null');
    } catch (e) {
      state = null;
    }
    if (!state || typeof state !== 'object') {
      state = {};
    }
    if (typeof state.session_id !== 'string' || !state.session_id) {
      state.session_id = newId();
    }
    if (!Array.isArray(state.messages)) {
      state.messages = [];
    }
    return state;
  }

  function saveState() {
    state.messages = state.messages.slice(-maxStoredMessages);
    try {
      localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      // Private browsing or a full quota: the conversation still works, it just won't survive a reload.
    }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    return 'v-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  var state = loadState();

  // ---- safe Markdown: a small subset, built as DOM nodes ------------------------------------------

  function safeHref(url) {
    try {
      var parsed = new URL(url, location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(text, url) {
    var href = safeHref(url);
    if (!href) {
      return document.createTextNode(text);
    }
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    a.target = '_blank';
    a.rel = 'noopener noreferrer nofollow';
    return a;
  }

  // Inline spans: `code`, **bold**, *italic* / _italic_, [text](url) and bare http(s) URLs. Code spans win:
  // emphasis may hold a whole code span but never ends inside one, so `a*b` and `X__Y__Z` stay code.
  var inlinePattern = /(`[^`\n]+`)|(\*\*(?:`[^`\n]*`|[^*`\n])+\*\*)|(\*(?:`[^`\n]*`|[^*`\n])+\*|\b_(?:`[^`\n]*`|[^_`\n])+_\b)|(\[[^\]\n]+\]\([^)\s]+\))|(https?:\/\/[^\s<>()`]+[^\s<>().,;:!?'"`])/g;

  function appendInline(parent, text) {
    var last = 0;
    var match;
    // A fresh regex per call: the nested calls for bold and italic must not move the outer one's position.
    var pattern = new RegExp(inlinePattern.source, 'g');
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) {
        parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      var token = match[0];
      var node;
      if (match[1]) {
        // A long identifier may wrap after _ = / or . (not a leading one) rather than mid-word;
        // <wbr> adds nothing to the copied text.
        node = el('code');
        token.slice(1, -1).split(/([_=\/.]+)/).forEach(function (part, n, parts) {
          node.appendChild(document.createTextNode(part));
          if (n % 2 && parts[n - 1]) {
            node.appendChild(el('wbr'));
          }
        });
      } else if (match[2]) {
        node = document.createElement('strong');
        appendInline(node, token.slice(2, -2));
      } else if (match[3]) {
        node = document.createElement('em');
        appendInline(node, token.slice(1, -1));
      } else if (match[4]) {
        var close = token.indexOf('](');
        node = link(token.slice(1, close), token.slice(close + 2, -1));
      } else {
        node = link(token, token);
      }
      parent.appendChild(node);
      last = match.index + token.length;
    }
    if (last < text.length) {
      parent.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  // A table row's cells, split at the pipes that are not escaped (as GFM does, inside `code` too).
  function cells(line) {
    return line.trim().replace(/\\\|/g, '\0').replace(/^\||\|$/g, '').split('|').map(function (cell) {
      return cell.trim().replace(/\0/g, '|');
    });
  }

  function renderMarkdown(target, text) {
    target.textContent = '';
    var lines = String(text).replace(/\r\n?/g, '\n').split('\n');
    var paragraph = [];
    var list = null;
    var i = 0;

    function flushParagraph() {
      if (paragraph.length) {
        var p = document.createElement('p');
        paragraph.forEach(function (line, index) {
          if (index > 0) {
            p.appendChild(document.createElement('br'));
          }
          appendInline(p, line);
        });
        target.appendChild(p);
        paragraph = [];
      }
    }

    function addBlock(node) {
      flushParagraph();
      list = null;
      target.appendChild(node);
    }

    function addRow(section, tag, values, align) {
      var row = section.insertRow();
      align.forEach(function (side, n) {
        var cell = el(tag);
        cell.style.textAlign = side;
        appendInline(cell, values[n] || '');
        row.appendChild(cell);
      });
    }

    while (i < lines.length) {
      var line = lines[i];
      var next = lines[i + 1] || '';
      var fence = /^\s*(`{3,}|~{3,})\s*([\w#+.-]*)/.exec(line);
      var bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
      var numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
      var heading = /^\s*(#{1,6})\s+(.*)$/.exec(line);
      var head = line.indexOf('|') >= 0 && next.indexOf('|') >= 0 && /^[\s|:-]*-[\s|:-]*$/.test(next) && cells(line);
      if (fence) {
        // Up to the closing fence of the same kind, or to the end: mid-stream, an open fence is the code so far.
        var closing = new RegExp('^\\s*' + fence[1].charAt(0) + '{' + fence[1].length + ',}\\s*$');
        var code = [];
        for (i++; i < lines.length && !closing.test(lines[i]); i++) {
          code.push(lines[i]);
        }
        var pre = el('pre');
        pre.appendChild(el('code', fence[2] && 'language-' + fence[2], code.join('\n')));
        addBlock(pre);
      } else if (head && cells(next).length === head.length) {
        var align = cells(next).map(function (rule) {
          return /^:-+:$/.test(rule) ? 'center' : /-:$/.test(rule) ? 'right' : '';
        });
        var table = el('table');
        addRow(table.createTHead(), 'th', head, align);
        var rows = table.createTBody();
        for (i += 2; i < lines.length && lines[i].indexOf('|') >= 0; i++) {
          addRow(rows, 'td', cells(lines[i]), align);
        }
        i--;
        // The wrapper scrolls sideways, so a wide table never widens the panel.
        var scroller = el('div', 'table');
        scroller.appendChild(table);
        addBlock(scroller);
      } else if (bullet || numbered) {
        flushParagraph();
        var kind = bullet ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== kind) {
          list = document.createElement(kind);
          if (numbered && numbered[1] !== '1') {
            list.start = +numbered[1];
          }
          target.appendChild(list);
        }
        var item = document.createElement('li');
        appendInline(item, bullet ? bullet[1] : numbered[2]);
        list.appendChild(item);
      } else if (heading) {
        var h = el('p', 'heading');
        var strong = el('strong');
        appendInline(strong, heading[2]);
        h.appendChild(strong);
        addBlock(h);
      } else if (!line.trim()) {
        flushParagraph();
        list = null;
      } else {
        list = null;
        paragraph.push(line);
      }
      i++;
    }
    flushParagraph();
  }

  // ---- the UI --------------------------------------------------------------------------------------

  var css = [
    ':host { all: initial; }',
    '* { box-sizing: border-box; }',
    '.root { --accent: #4f46e5; --on-accent: #ffffff; position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;',
    '  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #111827; }',
    '.root.left { right: auto; left: 20px; }',
    '.launcher { width: 60px; height: 60px; border-radius: 50%; border: 0; cursor: pointer; background: var(--accent); color: var(--on-accent);',
    '  box-shadow: 0 6px 20px rgba(17,24,39,.25); display: flex; align-items: center; justify-content: center; margin-left: auto; transition: transform .15s; }',
    '.root.left .launcher { margin-left: 0; }',
    '.launcher:hover { transform: scale(1.05); }',
    '.launcher svg { width: 28px; height: 28px; fill: currentColor; }',
    'button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }',
    '.panel { position: absolute; bottom: 76px; right: 0; width: 380px; height: min(620px, calc(100vh - 120px)); background: #fff;',
    '  border-radius: 16px; box-shadow: 0 12px 48px rgba(17,24,39,.28); display: flex; flex-direction: column; overflow: hidden; }',
    '.root.left .panel { right: auto; left: 0; }',
    '.panel[hidden] { display: none; }',
    '.header { display: flex; align-items: center; gap: 10px; padding: 14px 12px 14px 16px; background: var(--accent); color: var(--on-accent); }',
    '.avatar { width: 34px; height: 34px; border-radius: 50%; object-fit: cover; background: rgba(255,255,255,.25); flex: none; display: flex;',
    '  align-items: center; justify-content: center; font-weight: 700; }',
    '.title { flex: 1; font-weight: 650; font-size: 16px; margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }',
    '.icon-button { background: transparent; border: 0; color: inherit; cursor: pointer; width: 34px; height: 34px; border-radius: 8px;',
    '  display: flex; align-items: center; justify-content: center; }',
    '.icon-button:hover { background: rgba(255,255,255,.18); }',
    '.icon-button svg { width: 20px; height: 20px; fill: currentColor; }',
    '.log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; background: #f9fafb; }',
    '.message { max-width: 86%; padding: 10px 13px; border-radius: 14px; word-wrap: break-word; overflow-wrap: anywhere; }',
    '.message p { margin: 0 0 .5em; } .message p:last-child { margin-bottom: 0; }',
    '.message ul, .message ol { margin: .25em 0 .5em; padding-left: 1.3em; }',
    // Code and tables keep their lines and scroll sideways in their box; a shade at the right edge says there is
    // more, and the "local" layer, which scrolls with the content, covers it at the end.
    '.message pre, .message .table { --block: #fff; margin: .5em 0; overflow-x: auto; overflow-wrap: normal; background:',
    '  linear-gradient(270deg, var(--block) 40%, #0000) 100% 0 / 2em 100% no-repeat local, linear-gradient(270deg, #8887, #0000) 100% 0 / 10px 100% no-repeat, var(--block); }',
    '.message pre:last-child, .message .table:last-child { margin-bottom: 0; }',
    '.assistant:has(pre, .table) { max-width: 100%; }',
    '.message pre { --block: #111827; color: #f9fafb; padding: 8px 10px; border-radius: 8px; font-size: 13px; line-height: 1.5; white-space: pre; }',
    '.message code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }',
    '.message pre code { font-size: inherit; }',
    '.message :not(pre) > code { background: rgba(17,24,39,.07); padding: 1px 4px; border-radius: 4px; }',
    '.message table { border-collapse: collapse; font-size: 14px; }',
    '.message th, .message td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }',
    '.message th { background: #1118270a; font-weight: 600; }',
    '.message a { color: var(--accent); }',
    '.user { align-self: flex-end; background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 4px; }',
    '.user a { color: inherit; }',
    '.assistant { align-self: flex-start; background: #fff; border: 1px solid #e5e7eb; border-bottom-left-radius: 4px; }',
    '.notice { align-self: stretch; font-size: 13px; color: #92400e; background: #fffbeb; border: 1px solid #fde68a; border-radius: 10px; padding: 8px 12px; }',
    '.error { align-self: stretch; font-size: 14px; color: #991b1b; background: #fef2f2; border: 1px solid #fecaca; border-radius: 10px; padding: 10px 12px; }',
    '.sources { margin-top: 8px; padding-top: 8px; border-top: 1px solid #e5e7eb; font-size: 13px; }',
    '.sources-label { color: #6b7280; font-weight: 600; margin: 0 0 2px; }',
    '.sources ol { margin: 0; padding-left: 1.2em; }',
    '.feedback { display: flex; gap: 4px; margin-top: 6px; }',
    '.feedback button { border: 1px solid #e5e7eb; background: #fff; border-radius: 8px; cursor: pointer; padding: 4px 8px; color: #6b7280;',
    '  display: inline-flex; align-items: center; }',
    '.feedback button:hover { color: #111827; border-color: #d1d5db; }',
    '.feedback svg { width: 14px; height: 14px; fill: currentColor; }',
    '.feedback button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }',
    '.thinking { display: inline-flex; gap: 4px; align-items: center; padding: 4px 2px; }',
    '.thinking span { width: 7px; height: 7px; border-radius: 50%; background: #9ca3af; animation: parley-bounce 1.2s infinite ease-in-out; }',
    '.thinking span:nth-child(2) { animation-delay: .15s; } .thinking span:nth-child(3) { animation-delay: .3s; }',
    '@keyframes parley-bounce { 0%, 80%, 100% { transform: translateY(0); opacity: .5; } 40% { transform: translateY(-4px); opacity: 1; } }',
    '.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }',
    '.suggestions { display: flex; flex-wrap: wrap; gap: 6px; }',
    '.suggestions button { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 999px; padding: 6px 12px;',
    '  cursor: pointer; font: inherit; font-size: 14px; text-align: left; }',
    '.suggestions button:hover { background: #f5f5ff; }',
    '.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e5e7eb; background: #fff; }',
    '.composer textarea { flex: 1; resize: none; border: 1px solid #d1d5db; border-radius: 10px; padding: 9px 11px; font: inherit; color: inherit;',
    '  max-height: 120px; min-height: 40px; }',
    '.composer textarea:disabled { background: #f3f4f6; }',
    '.send { border: 0; border-radius: 10px; background: var(--accent); color: var(--on-accent); width: 44px; cursor: pointer; display: flex;',
    '  align-items: center; justify-content: center; }',
    '.send:disabled { opacity: .45; cursor: default; }',
    '.send svg { width: 20px; height: 20px; fill: currentColor; }',
    '.footer { text-align: center; font-size: 11px; color: #9ca3af; padding: 0 0 8px; background: #fff; }',
    '@media (max-width: 480px) {',
    '  .root, .root.left { bottom: 14px; right: 14px; left: auto; }',
    '  .root.left { left: 14px; right: auto; }',
    '  .root.open .launcher { display: none; }',
    '  .panel, .root.left .panel { position: fixed; inset: 0; width: 100%; height: 100%; border-radius: 0; bottom: 0; }',
    '  .message { max-width: 92%; }',
    '}',
    '@media (prefers-reduced-motion: reduce) { .thinking span { animation: none; } .launcher { transition: none; } }'
  ].join('\n');

  var icons = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
    close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
    refresh: 'M17.65 6.35A7.95 7.95 0 0 0 12 4a8 8 0 1 0 7.75 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z',
    send: 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z',
    up: 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z',
    down: 'M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z'
  };

  function icon(name) {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', icons[name]);
    svg.appendChild(path);
    return svg;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // A custom element of our own, so no page rule aimed at divs or other common tags touches the host.
  var host = document.createElement('parley-chat');
  host.setAttribute('data-bot-id', botId);
  var shadow = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in shadow && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    // A constructed sheet also works on pages whose Content-Security-Policy forbids inline <style>.
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(el('style', null, css));
  }

  var root = el('div', 'root');
  var panelId = 'parley-panel';
  var launcher = el('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', 'Open chat');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', panelId);
  launcher.appendChild(icon('chat'));

  var panel = el('div', 'panel');
  panel.id = panelId;
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'false');

  var header = el('div', 'header');
  var avatar = el('div', 'avatar');
  avatar.setAttribute('aria-hidden', 'true');
  var title = el('h2', 'title', 'Chat');
  title.id = 'parley-title';
  panel.setAttribute('aria-labelledby', title.id);
  var resetButton = el('button', 'icon-button');
  resetButton.type = 'button';
  resetButton.setAttribute('aria-label', 'New conversation');
  resetButton.title = 'New conversation';
  resetButton.appendChild(icon('refresh'));
  var closeButton = el('button', 'icon-button');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', 'Close chat');
  closeButton.title = 'Close';
  closeButton.appendChild(icon('close'));
  header.appendChild(avatar);
  header.appendChild(title);
  header.appendChild(resetButton);
  header.appendChild(closeButton);

  var log = el('div', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-relevant', 'additions text');
  log.setAttribute('aria-label', 'Conversation');
  log.tabIndex = 0;

  var form = el('form', 'composer');
  var input = el('textarea');
  input.rows = 1;
  input.placeholder = 'Type your question…';
  input.setAttribute('aria-label', 'Your message');
  input.maxLength = 8000;
  var sendButton = el('button', 'send');
  sendButton.type = 'submit';
  sendButton.setAttribute('aria-label', 'Send');
  sendButton.appendChild(icon('send'));
  form.appendChild(input);
  form.appendChild(sendButton);
  var footer = el('div', 'footer', 'Answers are generated and may be imperfect.');

  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(footer);
  root.appendChild(panel);
  root.appendChild(launcher);
  shadow.appendChild(root);

  var config = null;
  var refusal = null;
  var notAllowedHere = false;
  var busy = false;

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function setOpen(open) {
    panel.hidden = !open;
    root.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    launcher.textContent = '';
    launcher.appendChild(icon(open ? 'close' : 'chat'));
    if (open) {
      scrollToEnd();
      if (!input.disabled) {
        input.focus();
      } else {
        closeButton.focus();
      }
    }
  }

  launcher.addEventListener('click', function () {
    setOpen(panel.hidden);
  });
  closeButton.addEventListener('click', function () {
    setOpen(false);
    launcher.focus();
  });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      setOpen(false);
      launcher.focus();
    }
  });
  input.addEventListener('keydown', function (event) {
    // Enter sends, Shift+Enter starts a new line, as in every chat app.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : submit();
    }
  });
  input.addEventListener('input', function () {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 120) + 'px';
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submit();
  });
  resetButton.addEventListener('click', function () {
    if (busy) {
      return;
    }
    state.conversation_id = null;
    state.messages = [];
    saveState();
    renderAll();
    input.focus();
  });

  function submit() {
    var text = input.value.trim();
    if (!text || busy || refusal) {
      return;
    }
    input.value = '';
    input.style.height = 'auto';
    send(text);
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value || !!refusal;
    resetButton.disabled = value;
    log.setAttribute('aria-busy', String(value));
  }

  // ---- theming from the bot's settings -------------------------------------------------------------

  function textColourOn(hex) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || '');
    if (!m) {
      return '#ffffff';
    }
    var channel = function (v) {
      v = parseInt(v, 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    var luminance = 0.2126 * channel(m[1]) + 0.7152 * channel(m[2]) + 0.0722 * channel(m[3]);
    return luminance > 0.45 ? '#111827' : '#ffffff';
  }

  function applyConfig() {
    var name = (config && config.title) || 'Chat';
    title.textContent = name;
    if (config && /^#[0-9a-f]{6}$/i.test(config.color || '')) {
      root.style.setProperty('--accent', config.color);
      root.style.setProperty('--on-accent', textColourOn(config.color));
    }
    root.classList.toggle('left', !!config && config.position === 'left');
    avatar.textContent = '';
    var avatarUrl = config && config.avatar_url ? safeHref(config.avatar_url) : null;
    if (avatarUrl) {
      var img = el('img', 'avatar');
      img.alt = '';
      img.src = avatarUrl;
      avatar.appendChild(img);
    } else {
      avatar.textContent = name.charAt(0).toUpperCase();
    }
    input.disabled = !!refusal;
    sendButton.disabled = !!refusal;
  }

  // ---- rendering messages --------------------------------------------------------------------------

  function renderCitations(bubble, citations) {
    var usable = (citations || []).filter(function (c) {
      return c && (c.page_title || c.source_url);
    });
    if (!usable.length) {
      return;
    }
    var box = el('div', 'sources');
    box.appendChild(el('p', 'sources-label', 'Sources'));
    var list = el('ol');
    var seen = {};
    usable.forEach(function (c) {
      var label = c.page_title || c.source_url;
      var key = (c.source_url || '') + '|' + label;
      if (seen[key]) {
        return;
      }
      seen[key] = true;
      var item = el('li');
      item.appendChild(c.source_url ? link(label, c.source_url) : document.createTextNode(label));
      list.appendChild(item);
    });
    box.appendChild(list);
    bubble.appendChild(box);
  }

  function renderFeedback(bubble, message) {
    if (!message.message_id || !state.conversation_id) {
      return;
    }
    var bar = el('div', 'feedback');
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Was this answer helpful?');
    [['up', 'Helpful'], ['down', 'Not helpful']].forEach(function (choice) {
      var button = el('button');
      button.appendChild(icon(choice[0]));
      button.type = 'button';
      button.setAttribute('aria-label', choice[1]);
      button.title = choice[1];
      button.setAttribute('data-rating', choice[0]);
      button.setAttribute('aria-pressed', String(message.feedback === choice[0]));
      button.addEventListener('click', function () {
        vote(message, choice[0], bar);
      });
      bar.appendChild(button);
    });
    bubble.appendChild(bar);
  }

  function vote(message, rating, bar) {
    var conversationId = message.conversation_id || state.conversation_id;
    fetch(apiBase + '/v1/public/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        bot_id: botId,
        session_id: state.session_id,
        conversation_id: conversationId,
        message_id: message.message_id,
        rating: rating
      })
    }).then(function (response) {
      if (!response.ok) {
        return;
      }
      message.feedback = rating;
      saveState();
      Array.prototype.forEach.call(bar.querySelectorAll('button'), function (button) {
        button.setAttribute('aria-pressed', String(button.getAttribute('data-rating') === rating));
      });
    }).catch(function () {
      // A lost vote is not worth interrupting the visitor for.
    });
  }

  function renderMessage(message) {
    if (message.role === 'user') {
      var own = el('div', 'message user', message.content);
      log.appendChild(own);
      return own;
    }
    if (message.role === 'error') {
      var error = el('div', 'error', message.content);
      error.setAttribute('role', 'alert');
      log.appendChild(error);
      return error;
    }
    if (message.role === 'notice') {
      var notice = el('div', 'notice', message.content);
      log.appendChild(notice);
      return notice;
    }
    var bubble = el('div', 'message assistant');
    var body = el('div', 'body');
    renderMarkdown(body, message.content);
    bubble.appendChild(body);
    renderCitations(bubble, message.citations);
    renderFeedback(bubble, message);
    log.appendChild(bubble);
    return bubble;
  }

  function renderIntro() {
    if (!config) {
      return;
    }
    if (config.welcome_message) {
      var welcome = el('div', 'message assistant welcome');
      renderMarkdown(welcome, config.welcome_message);
      log.appendChild(welcome);
    }
    if (!state.messages.length && config.suggested_questions && config.suggested_questions.length && !refusal) {
      var box = el('div', 'suggestions');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', 'Suggested questions');
      config.suggested_questions.forEach(function (question) {
        var button = el('button', null, question);
        button.type = 'button';
        button.addEventListener('click', function () {
          if (!busy) {
            box.remove();
            send(question);
          }
        });
        box.appendChild(button);
      });
      log.appendChild(box);
    }
  }

  function renderAll() {
    log.textContent = '';
    renderIntro();
    state.messages.forEach(renderMessage);
    if (refusal) {
      var error = el('div', 'error', refusal);
      error.setAttribute('role', 'alert');
      log.appendChild(error);
    }
    scrollToEnd();
  }

  function thinking() {
    var box = el('div', 'thinking');
    box.setAttribute('role', 'status');
    box.appendChild(el('span'));
    box.appendChild(el('span'));
    box.appendChild(el('span'));
    box.appendChild(el('span', 'sr-only', 'The assistant is thinking…'));
    return box;
  }

  function explainRefusal(status, body) {
    var code = body && body.error;
    if (status === 429) {
      return friendly.rate_limited;
    }
    if (status === 404) {
      return friendly.not_found;
    }
    if (status === 403) {
      return code === 'origin_not_allowed' ? friendly.refused : friendly.unavailable;
    }
    if (status === 400) {
      return friendly.invalid;
    }
    return friendly.generic;
  }

  // ---- a turn: POST, then read the Server-Sent Events as they arrive --------------------------------

  function send(text) {
    var suggestions = log.querySelector('.suggestions');
    if (suggestions) {
      suggestions.remove();
    }
    var question = { role: 'user', content: text };
    state.messages.push(question);
    saveState();
    renderMessage(question);

    var bubble = el('div', 'message assistant');
    var body = el('div', 'body');
    var indicator = thinking();
    bubble.appendChild(indicator);
    bubble.appendChild(body);
    log.appendChild(bubble);
    scrollToEnd();
    setBusy(true);

    var answer = '';
    var finished = false;
    var failure = null;
    var notices = [];

    function showFailure(message) {
      failure = message;
    }

    fetch(apiBase + '/v1/public/chat/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        bot_id: botId,
        message: text,
        session_id: state.session_id,
        conversation_id: state.conversation_id || undefined
      })
    }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () {
          return null;
        }).then(function (problem) {
          if (response.status === 400 && problem && problem.field === 'conversation_id') {
            // The conversation is gone (or belonged to an older session): start a new one next time.
            state.conversation_id = null;
          }
          showFailure(explainRefusal(response.status, problem));
        });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';

      function handle(event) {
        switch (event.type) {
          case 'status':
            if (!indicator.isConnected) {
              bubble.insertBefore(indicator, body);
            }
            break;
          case 'content':
            indicator.remove();
            answer += event.content || '';
            renderMarkdown(body, answer);
            break;
          case 'replace':
            indicator.remove();
            answer = event.content || '';
            renderMarkdown(body, answer);
            break;
          case 'notice':
            notices.push(event.message || 'Some knowledge could not be searched; the answer may be incomplete.');
            break;
          case 'done':
            finished = true;
            if (event.conversation_id) {
              state.conversation_id = event.conversation_id;
            }
            var message = {
              role: 'assistant',
              content: answer,
              citations: Array.isArray(event.citations) ? event.citations : [],
              message_id: event.assistant_message_id,
              conversation_id: event.conversation_id
            };
            state.messages.push(message);
            saveState();
            bubble.remove();
            renderMessage(message);
            break;
          case 'error':
            finished = true;
            showFailure(event.message || friendly.generic);
            break;
        }
        scrollToEnd();
      }

      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            return;
          }
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split(/\r?\n/);
          buffer = events.pop();
          events.forEach(function (line) {
            if (line.indexOf('data:') !== 0) {
              return;
            }
            var data = line.slice(5).replace(/^ /, '');
            try {
              handle(JSON.parse(data));
            } catch (e) {
              // A line that is not JSON is not ours to show.
            }
          });
          return pump();
        });
      }
      return pump().then(function () {
        if (!finished && !failure) {
          showFailure(friendly.network);
        }
      });
    }).catch(function () {
      if (!finished) {
        showFailure(friendly.network);
      }
    }).then(function () {
      indicator.remove();
      notices.forEach(function (text) {
        var notice = { role: 'notice', content: text };
        state.messages.push(notice);
        renderMessage(notice);
      });
      if (failure) {
        if (!answer) {
          bubble.remove();
        } else if (bubble.isConnected) {
          state.messages.push({ role: 'assistant', content: answer, citations: [] });
        }
        var error = { role: 'error', content: failure };
        state.messages.push(error);
        renderMessage(error);
      }
      saveState();
      setBusy(false);
      scrollToEnd();
      if (!panel.hidden) {
        input.focus();
      }
    });
  }

  // ---- start -----------------------------------------------------------------------------------------

  /**
   * A site the bot's allowed domains do not include gets no widget at all, not a bubble that opens on a refusal:
   * visitors there could never chat. The site's developer learns why from one console warning.
   */
  function warnNotAllowed() {
    if (window.console && console.warn) {
      console.warn('Parley: bot ' + botId + ' may not be used on ' + location.origin + ', so no chat bubble is shown. ' +
        'To show it here, add "' + location.host + '" to the bot\'s allowed domains (the Playground\'s Embed tab lists refused sites, with an Allow button).');
    }
  }

  function start() {
    fetch(apiBase + '/v1/public/bots/' + encodeURIComponent(botId) + '/widget')
      .then(function (response) {
        return response.json().catch(function () {
          return null;
        }).then(function (body) {
          if (response.ok && body) {
            config = body;
          } else {
            refusal = explainRefusal(response.status, body);
            notAllowedHere = response.status === 403 && !!body && body.error === 'origin_not_allowed';
          }
        });
      })
      .catch(function () {
        refusal = friendly.network;
      })
      .then(function () {
        if (notAllowedHere) {
          warnNotAllowed();
          return;
        }
        document.body.appendChild(host);
        applyConfig();
        renderAll();
        host.setAttribute('data-state', refusal ? 'refused' : 'ready');
      });
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
})();

/*
 * The Playground's foundations: the API client (the key lives in sessionStorage, for this tab only), a tiny
 * DOM builder, safe Markdown, and small shared controls. Text from the API only ever reaches the page
 * through textContent or attributes: no innerHTML anywhere in the Playground.
 */
(function () {
  'use strict';

  var Parley = (window.Parley = window.Parley || {});
  var keyName = 'parley.playground.key';

  // ---- DOM ------------------------------------------------------------------------------------------

  /** h('div.card#id', {attrs, on: {click}}, children...) */
  function h(spec, attrs) {
    var parts = spec.split(/(?=[.#])/);
    var node = document.createElement(parts[0] || 'div');
    parts.slice(1).forEach(function (part) {
      if (part[0] === '.') {
        node.classList.add(part.slice(1));
      } else {
        node.id = part.slice(1);
      }
    });
    var children = Array.prototype.slice.call(arguments, 2);
    if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
      children.unshift(attrs);
      attrs = null;
    }
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === undefined || value === null || value === false) {
        return;
      }
      if (name === 'on') {
        Object.keys(value).forEach(function (type) {
          node.addEventListener(type, value[type]);
        });
      } else if (name === 'text') {
        node.textContent = value;
      } else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'hidden' || name === 'selected') {
        node[name] = value;
      } else {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    append(node, children);
    return node;
  }

  function append(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      if (Array.isArray(child)) {
        append(node, child);
      } else {
        node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    });
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  var uid = 0;
  function id(prefix) {
    uid += 1;
    return (prefix || 'f') + '-' + uid;
  }

  // ---- API ------------------------------------------------------------------------------------------

  function ApiError(status, body) {
    this.status = status;
    this.error = (body && body.error) || 'http_' + status;
    this.message = (body && body.message) || 'The server answered ' + status + '.';
    this.field = body && body.field;
  }

  function key() {
    return sessionStorage.getItem(keyName);
  }

  function request(method, path, body, options) {
    var headers = { Authorization: 'Bearer ' + key() };
    var payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(path, { method: method, headers: headers, body: payload, signal: options && options.signal }).then(function (response) {
      if (response.status === 401 && !(options && options.signingIn)) {
        Parley.signOut('Your key was not accepted. Sign in again.');
      }
      if (response.status === 204) {
        return null;
      }
      return response.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        if (!response.ok) {
          throw new ApiError(response.status, json);
        }
        return json;
      });
    });
  }

  var api = {
    get: function (path, options) { return request('GET', path, undefined, options); },
    post: function (path, body) { return request('POST', path, body); },
    patch: function (path, body) { return request('PATCH', path, body); },
    del: function (path) { return request('DELETE', path); },
    raw: request
  };

  // ---- safe Markdown (the same subset as the widget) -----------------------------------------------

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
    return h('a', { href: href, target: '_blank', rel: 'noopener noreferrer nofollow', text: text });
  }

  // Code spans win: emphasis may hold a whole code span but never ends inside one, so `a*b` and `X__Y__Z` stay code.
  var inlinePattern = /(`[^`\n]+`)|(\*\*(?:`[^`\n]*`|[^*`\n])+\*\*)|(\*(?:`[^`\n]*`|[^*`\n])+\*|\b_(?:`[^`\n]*`|[^_`\n])+_\b)|(\[[^\]\n]+\]\([^)\s]+\))|(https?:\/\/[^\s<>()`]+[^\s<>().,;:!?'"`])/g;

  function appendInline(parent, text) {
    var last = 0;
    var match;
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
        node = h('code');
        token.slice(1, -1).split(/([_=\/.]+)/).forEach(function (part, n, parts) {
          node.appendChild(document.createTextNode(part));
          if (n % 2 && parts[n - 1]) {
            node.appendChild(h('wbr'));
          }
        });
      } else if (match[2]) {
        node = h('strong');
        appendInline(node, token.slice(2, -2));
      } else if (match[3]) {
        node = h('em');
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

  function addRow(section, tag, values, align) {
    var row = section.insertRow();
    align.forEach(function (side, n) {
      var cell = h(tag);
      cell.style.textAlign = side;
      appendInline(cell, values[n] || '');
      row.appendChild(cell);
    });
  }

  function markdown(target, text) {
    clear(target);
    var lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
    var paragraph = [];
    var list = null;
    function flush() {
      if (paragraph.length) {
        var p = h('p');
        paragraph.forEach(function (line, index) {
          if (index) {
            p.appendChild(h('br'));
          }
          appendInline(p, line);
        });
        target.appendChild(p);
        paragraph = [];
      }
    }
    function block(node) {
      flush();
      list = null;
      target.appendChild(node);
    }
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var next = lines[i + 1] || '';
      var fence = /^\s*(`{3,}|~{3,})\s*([\w#+.-]*)/.exec(line);
      var bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
      var numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
      var heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
      var head = line.indexOf('|') >= 0 && next.indexOf('|') >= 0 && /^[\s|:-]*-[\s|:-]*$/.test(next) && cells(line);
      if (fence) {
        // Up to the closing fence of the same kind, or to the end: mid-stream, an open fence is the code so far.
        var closing = new RegExp('^\\s*' + fence[1].charAt(0) + '{' + fence[1].length + ',}\\s*$');
        var code = [];
        for (i++; i < lines.length && !closing.test(lines[i]); i++) {
          code.push(lines[i]);
        }
        block(h('pre', h('code', { class: fence[2] && 'language-' + fence[2], text: code.join('\n') })));
      } else if (head && cells(next).length === head.length) {
        var align = cells(next).map(function (rule) {
          return /^:-+:$/.test(rule) ? 'center' : /-:$/.test(rule) ? 'right' : '';
        });
        var table = h('table');
        addRow(table.createTHead(), 'th', head, align);
        var rows = table.createTBody();
        for (i += 2; i < lines.length && lines[i].indexOf('|') >= 0; i++) {
          addRow(rows, 'td', cells(lines[i]), align);
        }
        i--;
        // The wrapper scrolls sideways, so a wide table never widens the chat.
        block(h('div.md-table', table));
      } else if (bullet || numbered) {
        flush();
        var kind = bullet ? 'ul' : 'ol';
        if (!list || list.tagName.toLowerCase() !== kind) {
          list = h(kind, { start: numbered && numbered[1] !== '1' && numbered[1] });
          target.appendChild(list);
        }
        var item = h('li');
        appendInline(item, bullet ? bullet[1] : numbered[2]);
        list.appendChild(item);
      } else if (heading) {
        var strong = h('strong');
        appendInline(strong, heading[1]);
        block(h('p', strong));
      } else if (!line.trim()) {
        flush();
        list = null;
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
    return target;
  }

  // ---- small controls -------------------------------------------------------------------------------

  var toastTimer = null;
  function toast(message) {
    var node = document.getElementById('toast');
    node.textContent = message;
    node.classList.add('show');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      node.classList.remove('show');
    }, 2200);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return legacyCopy(text);
      });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = h('textarea', { value: text, 'aria-hidden': 'true' });
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand('copy');
    } finally {
      area.remove();
    }
  }

  function copyButton(label, text) {
    return h('button.button.small', {
      type: 'button',
      'aria-label': 'Copy ' + label,
      on: {
        click: function (event) {
          var button = event.currentTarget;
          copyText(typeof text === 'function' ? text() : text).then(function () {
            button.textContent = 'Copied';
            toast(label + ' copied to the clipboard');
            setTimeout(function () {
              button.textContent = 'Copy';
            }, 1600);
          });
        }
      }
    }, 'Copy');
  }

  /** A labelled field: field('Name', input, 'hint'). The hint describes the control without lengthening its name. */
  function field(label, control, hint) {
    if (!control.id) {
      control.id = id('field');
    }
    var hintNode = hint ? h('span.hint', { id: control.id + '-hint', text: hint }) : null;
    if (hintNode) {
      control.setAttribute('aria-describedby', hintNode.id);
    }
    return h('div.field', h('label', { for: control.id, text: label }), hintNode, control);
  }

  function checkbox(name, label, hint, checked) {
    var input = h('input', { type: 'checkbox', name: name, checked: !!checked, id: id(name) });
    return h('label.check', { for: input.id }, input, h('span', h('strong', label), hint ? h('span.hint', hint) : null));
  }

  /**
   * An address typed as people read it (www.example.com) gets https:// in front when the field is left, and a note
   * beside it says so, since the API takes whole addresses only; a local one (localhost:11434/v1) gets http://.
   */
  function offerHttps(input) {
    var note = null;
    var shown = function () {
      if (note) {
        input.insertAdjacentElement('afterend', note);
      }
    };
    input.addEventListener('change', function () {
      var value = input.value.trim();
      if (note) {
        note.remove();
        note = null;
      }
      if (!/^(localhost|[^\s\/:?#@]+\.[^\s\/:?#@]+)(:\d+)?([\/?#]\S*)?$/i.test(value)) {
        return;
      }
      var local = /^(localhost|127\.|10\.|192\.168\.)/i.test(value);
      input.value = (local ? 'http://' : 'https://') + value;
      note = h('span.hint.scheme-note', {
        text: local ? 'Added http:// in front.' : 'Added https:// in front. Change it to http:// if the site has no HTTPS.'
      });
      // Left by pressing a button (Add source, Save), the field changes between the button's press and its release:
      // a note shown at once would push the button from under the pointer and the click would never happen.
      if (pointerHeld) {
        document.addEventListener('pointerup', function () { setTimeout(shown, 0); }, { once: true, capture: true });
      } else {
        shown();
      }
    });
    return input;
  }

  var pointerHeld = false;
  document.addEventListener('pointerdown', function () { pointerHeld = true; }, true);
  document.addEventListener('pointerup', function () { pointerHeld = false; }, true);

  /** Shows an API error next to the field it names, or in the form's message area. */
  function showError(form, error, messageArea) {
    Array.prototype.forEach.call(form.querySelectorAll('.invalid'), function (node) {
      node.classList.remove('invalid');
      node.removeAttribute('aria-invalid');
    });
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (node) {
      node.remove();
    });
    if (!error) {
      return;
    }
    var message = error.message || String(error);
    var target = error.field && form.querySelector('[name="' + error.field.split('.').pop() + '"], [name="' + error.field + '"]');
    if (target) {
      target.classList.add('invalid');
      target.setAttribute('aria-invalid', 'true');
      var note = h('span.field-error', { role: 'alert', text: message });
      target.insertAdjacentElement('afterend', note);
      target.focus();
    } else if (messageArea) {
      clear(messageArea).appendChild(h('div.callout.error', { role: 'alert', text: message }));
    } else {
      toast(message);
    }
  }

  /** A modal confirmation; resolves true when confirmed. */
  function confirmDialog(title, text, confirmLabel) {
    return new Promise(function (resolve) {
      var dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
        h('h2#confirm-title', title),
        h('p.muted', { text: text }),
        h('form.row.end', { method: 'dialog' },
          h('button.button', { value: 'cancel', type: 'submit' }, 'Cancel'),
          h('button.button.danger.solid', { value: 'ok', type: 'submit' }, confirmLabel || 'Delete')));
      document.body.appendChild(dialog);
      dialog.addEventListener('close', function () {
        resolve(dialog.returnValue === 'ok');
        dialog.remove();
      });
      dialog.showModal();
    });
  }

  function formatDate(value) {
    if (!value) {
      return '';
    }
    var date = new Date(value);
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function lines(text) {
    return String(text || '').split('\n').map(function (line) {
      return line.trim();
    }).filter(Boolean);
  }

  /** Keyboard for a tab list: arrows, Home and End move between tabs, as the ARIA pattern asks. */
  function tabKeys(list) {
    list.addEventListener('keydown', function (event) {
      var tabs = Array.prototype.slice.call(list.querySelectorAll('[role=tab]'));
      var index = tabs.indexOf(document.activeElement);
      if (index < 0) {
        return;
      }
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) {
        return;
      }
      event.preventDefault();
      var tab = tabs[(next + tabs.length) % tabs.length];
      tab.focus();
      // The click re-draws the page; the new tab list takes the focus back (see bots.js).
      Parley.refocusTab = true;
      tab.click();
    });
  }

  Parley.h = h;
  Parley.clear = clear;
  Parley.id = id;
  Parley.api = api;
  Parley.key = key;
  Parley.keyName = keyName;
  Parley.ApiError = ApiError;
  Parley.markdown = markdown;
  Parley.link = link;
  Parley.safeHref = safeHref;
  Parley.toast = toast;
  Parley.copyButton = copyButton;
  Parley.field = field;
  Parley.checkbox = checkbox;
  Parley.offerHttps = offerHttps;
  Parley.showError = showError;
  Parley.confirmDialog = confirmDialog;
  Parley.formatDate = formatDate;
  Parley.lines = lines;
  Parley.tabKeys = tabKeys;
})();

/*
 * The chat pane: talks to the bot through the authenticated stream (so private bots can be tried too), marked as
 * the Playground's so these chats stay apart from visitors', and shows everything the stream says: the stages,
 * the text as it arrives, replaced answers, notices, errors and citations. A failed answer says why, as the
 * authenticated stream tells the owner, and what to do about it.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  var stages = { retrieving: 'Searching the knowledge…', generating: 'Writing the answer…' };

  function citations(list) {
    if (!list || !list.length) {
      return null;
    }
    return h('div.citations',
      h('strong', 'Sources'),
      h('ol', list.map(function (c) {
        return h('li',
          c.source_url ? P.link(c.page_title || c.source_url, c.source_url) : h('span', { text: c.page_title || 'Untitled' }),
          typeof c.score === 'number' ? h('span.score', ' · ' + Math.round(c.score * 100) + '%') : null,
          c.from_web_search ? h('span.score', ' · web') : null);
      })));
  }

  /** The workspace's balance, which every answer draws on; read again after each answer and when the pane opens. */
  function creditsBadge(workspaceId) {
    var badge = h('span.pill', { title: 'Credits left in this workspace. Every answer uses some, on this page and on your site.' });
    function show(workspace) {
      if (!workspace || typeof workspace.credits !== 'number') {
        badge.hidden = true;
        return;
      }
      badge.hidden = false;
      badge.setAttribute('data-credits', String(workspace.credits));
      badge.textContent = workspace.credits.toLocaleString(undefined, { maximumFractionDigits: 3 }) + ' credits left';
    }
    show(P.state.workspaces.filter(function (w) { return w.id === workspaceId; })[0]);
    return {
      node: badge,
      refresh: function () {
        return P.loadWorkspace(workspaceId).then(show, function () {
          // The balance shown stays as it was; the chat itself is unaffected.
        });
      }
    };
  }

  /**
   * What the owner can do about a failed answer, by its reason: a link to the control that fixes it, or who to ask
   * when this key cannot (a workspace key adds no credits and cannot change the server's own model).
   */
  function remedy(reason, bot) {
    var settings = function (text) { return h('a', { href: '#/bots/' + bot.id + '/settings' }, text); };
    if (reason === 'credits_exhausted') {
      return P.isAdmin()
        ? [h('a', { href: '#/workspaces' }, 'Add credits in Workspaces & keys'), '.']
        : 'Only the server\u2019s admin key can add credits: ask the server\u2019s administrator.';
    }
    if (reason === 'provider_key_refused' || reason === 'model_unknown' || reason === 'provider_unreachable' || reason === 'provider_error') {
      if (bot.model) {
        return ['Check the model in ', settings('this bot\u2019s settings'), '.'];
      }
      return P.isAdmin()
        ? ['This bot uses the server\u2019s model: check ', h('code', 'Parley:Model'), ' in the server\u2019s configuration, or give the bot a model of its own in ', settings('its settings'), '.']
        : ['To use another model, give the bot its own in ', settings('its settings'), '.'];
    }
    return null;
  }

  /** A failed answer, as the owner sees it: why, what to do, and what a visitor would have been shown instead. */
  function failure(event, bot) {
    if (!event.reason) {
      return h('div.callout.error', { role: 'alert', text: event.message + ' (' + event.error + ')' });
    }
    var fix = remedy(event.reason, bot);
    return h('div.callout.error.owner-failure', { role: 'alert', 'data-reason': event.reason },
      h('p.why', { text: event.detail || event.message }),
      fix ? h('p.fix', fix) : null,
      h('p.small.visitor-sees', { text: 'Visitors are shown only: \u201c' + event.message + '\u201d' }));
  }

  screens.chat = function (panel, bot) {
    var credits = creditsBadge(bot.workspace_id);
    var session = 'playground-' + (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()));
    var conversationId = null;
    var controller = null;
    var log = h('div.chat-log', { role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    var input = h('textarea', { name: 'message', rows: '1', 'aria-label': 'Message', placeholder: 'Ask a question…', maxlength: '8000' });
    var send = h('button.button.primary', { type: 'submit' }, 'Send');
    var reset = h('button.button', {
      type: 'button',
      on: {
        click: function () {
          if (controller) {
            controller.abort();
          }
          conversationId = null;
          intro();
          input.focus();
        }
      }
    }, 'New conversation');

    function intro() {
      P.clear(log);
      if (bot.welcome_message) {
        log.appendChild(P.markdown(h('div.bubble.assistant'), bot.welcome_message));
      } else {
        log.appendChild(h('div.callout.info', 'Ask a question to try ' + bot.name + '. This chat uses your API key, so it works while the bot is private.'));
      }
      (bot.suggested_questions || []).forEach(function (question, index) {
        if (index === 0) {
          log.appendChild(h('div.row.suggestions'));
        }
        log.lastChild.appendChild(h('button.button.small', { type: 'button', on: { click: function () { ask(question); } } }, question));
      });
    }

    function scroll() {
      log.scrollTop = log.scrollHeight;
    }

    function ask(text) {
      if (controller) {
        return;
      }
      var suggestions = log.querySelector('.suggestions');
      if (suggestions) {
        suggestions.remove();
      }
      log.appendChild(h('div.bubble.user', { text: text }));
      var body = h('div.body');
      var meta = h('div.meta');
      var stage = h('div.stage', { role: 'status' }, h('span.spinner', { 'aria-hidden': 'true' }), h('span', 'Sending…'));
      var bubble = h('div.bubble.assistant', { 'aria-busy': 'true' }, stage, body, meta);
      log.appendChild(bubble);
      scroll();
      send.disabled = true;
      controller = new AbortController();

      var answer = '';
      var buffer = '';
      function handle(event) {
        if (event.type === 'status') {
          stage.lastChild.textContent = stages[event.stage] || event.stage;
        } else if (event.type === 'content') {
          answer += event.content || '';
          P.markdown(body, answer);
        } else if (event.type === 'replace') {
          answer = event.content || '';
          P.markdown(body, answer);
          meta.appendChild(h('span.pill.warn', { title: 'The filters changed the answer after it was written.' }, 'Answer replaced by filters'));
        } else if (event.type === 'notice') {
          log.insertBefore(h('div.callout.notice', { text: (event.message || 'Notice') + (event.code ? ' (' + event.code + ')' : '') }), bubble.nextSibling);
        } else if (event.type === 'done') {
          conversationId = event.conversation_id || conversationId;
          var cites = citations(event.citations);
          if (cites) {
            bubble.appendChild(cites);
          }
        } else if (event.type === 'error') {
          log.appendChild(failure(event, bot));
        }
        scroll();
      }

      fetch('/v1/chat/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + P.key() },
        body: JSON.stringify({ bot_id: bot.id, message: text, session_id: session, conversation_id: conversationId || undefined, channel: 'playground' }),
        signal: controller.signal
      }).then(function (response) {
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (problem) {
            log.appendChild(h('div.callout.error', { role: 'alert', text: (problem.message || 'The server answered ' + response.status + '.') + (problem.error ? ' (' + problem.error + ')' : '') }));
          });
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split(/\r?\n/);
            buffer = parts.pop();
            parts.forEach(function (line) {
              if (line.indexOf('data:') === 0) {
                try {
                  handle(JSON.parse(line.slice(5)));
                } catch (e) {
                  // not an event of ours
                }
              }
            });
            return pump();
          });
        }
        return pump();
      }).catch(function (error) {
        if (error.name !== 'AbortError') {
          log.appendChild(h('div.callout.error', { role: 'alert', text: 'The stream broke off: ' + error.message }));
        }
      }).then(function () {
        stage.remove();
        bubble.removeAttribute('aria-busy');
        if (!answer && !bubble.querySelector('.citations')) {
          bubble.remove();
        }
        controller = null;
        send.disabled = false;
        scroll();
        credits.refresh();
      });
    }

    var form = h('form.composer', {
      on: {
        submit: function (event) {
          event.preventDefault();
          var text = input.value.trim();
          if (text && !controller) {
            input.value = '';
            ask(text);
          }
        }
      }
    }, input, send);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });

    panel.appendChild(h('div.chat-actions', h('p.muted.small.keys', 'Enter sends, Shift+Enter adds a line.'), h('div.row', credits.node, reset)));
    panel.appendChild(h('div.card.chat', log, form));
    credits.refresh();
    intro();
    input.focus();
    return function () {
      if (controller) {
        controller.abort();
      }
    };
  };
})();

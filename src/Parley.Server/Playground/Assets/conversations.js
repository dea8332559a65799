/*
 * The log of visitors' conversations, each titled by its first question, filtered by bot, by date and to those with
 * an answer voted down, with each answer's citations, the visitor's thumbs up or down, and why an answer failed.
 * The owner's own Playground chats are left out unless asked for, and marked when shown.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  function votes(summary) {
    if (!summary || (!summary.up && !summary.down)) {
      return h('span.small.muted', '—');
    }
    return h('span.row',
      summary.up ? h('span.pill.ok', { 'data-votes': 'up' }, summary.up + ' helpful') : null,
      summary.down ? h('span.pill.bad', { 'data-votes': 'down' }, summary.down + ' not helpful') : null);
  }

  /** The owner's own chats, from the Playground's chat pane, are marked apart from visitors'. */
  function playgroundBadge(conversation) {
    return conversation.channel === 'playground'
      ? h('span.pill.info', { 'data-channel': 'playground', title: 'Your own chat in the Playground, not a visitor\u2019s' }, 'Playground')
      : null;
  }

  screens.conversations = function (main) {
    document.title = 'Conversations · Parley Playground';
    var bots = P.state.bots;
    var wanted = P.query('bot');
    var botSelect = h('select', { name: 'bot', 'aria-label': 'Bot' },
      h('option', { value: '' }, 'All bots'),
      bots.map(function (b) { return h('option', { value: b.id, selected: b.id === wanted, text: b.name }); }));
    var from = h('input', { type: 'date', name: 'from', 'aria-label': 'From date' });
    var to = h('input', { type: 'date', name: 'to', 'aria-label': 'To date' });
    var withPlayground = h('input', { type: 'checkbox', name: 'playground' });
    var thumbsDown = h('input', { type: 'checkbox', name: 'thumbs_down' });
    var list = h('div');
    var detail = h('div.card.conversation', { 'aria-live': 'polite' }, h('div.empty', h('p', 'Choose a conversation to read it.')));
    var all = [];

    function botName(id) {
      var bot = bots.filter(function (b) { return b.id === id; })[0];
      return bot ? bot.name : id;
    }

    function load() {
      P.clear(list).appendChild(h('p.muted', 'Loading…'));
      var chosen = botSelect.value ? [botSelect.value] : bots.map(function (b) { return b.id; });
      var query = '?limit=1000' + (withPlayground.checked ? '' : '&channel=visitors') + (thumbsDown.checked ? '&feedback=down' : '');
      Promise.all(chosen.map(function (id) {
        return P.api.get('/v1/bots/' + id + '/conversations' + query);
      })).then(function (lists) {
        all = [].concat.apply([], lists).sort(function (a, b) { return b.updated_at.localeCompare(a.updated_at); });
        draw();
      }, function (error) {
        P.clear(list).appendChild(h('div.callout.error', { text: error.message }));
      });
    }

    function inRange(conversation) {
      var day = conversation.updated_at.slice(0, 10);
      var local = new Date(conversation.updated_at);
      var localDay = local.getFullYear() + '-' + String(local.getMonth() + 1).padStart(2, '0') + '-' + String(local.getDate()).padStart(2, '0');
      day = localDay || day;
      return (!from.value || day >= from.value) && (!to.value || day <= to.value);
    }

    function draw() {
      var shown = all.filter(inRange);
      P.clear(list);
      if (!shown.length) {
        list.appendChild(h('div.empty', h('h2', 'No conversations'), h('p', all.length ? 'None in these dates.'
          : thumbsDown.checked ? 'No conversation has an answer a visitor voted down.'
            : withPlayground.checked ? 'Chats appear here once someone talks to a bot.'
              : 'Visitors\u2019 chats appear here once they talk to a bot. Your own chats in the Playground are left out: tick \u201cInclude my Playground chats\u201d to see them.')));
        return;
      }
      list.appendChild(h('table.table',
        h('caption.sr-only', 'Conversations'),
        h('thead', h('tr', h('th', 'First question'), h('th.hide-narrow', 'Bot'), h('th', 'Last message'), h('th', 'Feedback'))),
        h('tbody', shown.map(function (c) {
          var row = h('tr.clickable', {
            tabindex: '0',
            'data-conversation-id': c.id,
            on: {
              click: function () { open(c, row); },
              keydown: function (event) {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  open(c, row);
                }
              }
            }
          },
          h('td.question', h('span', { text: c.title || '(no question)' }), playgroundBadge(c)),
          h('td.hide-narrow', { text: botName(c.bot_id) }),
          h('td.when.small', P.formatDate(c.updated_at)),
          h('td', votes(c.feedback)));
          return row;
        }))));
    }

    function open(conversation, row) {
      Array.prototype.forEach.call(list.querySelectorAll('tr.selected'), function (r) { r.classList.remove('selected'); });
      row.classList.add('selected');
      P.api.get('/v1/conversations/' + conversation.id).then(function (full) {
        P.clear(detail).appendChild(h('div.card-head',
          h('h2', botName(full.bot_id)),
          h('span.small.muted', P.formatDate(full.created_at)),
          h('button.button.small.back-to-list', {
            type: 'button',
            on: {
              click: function () {
                row.scrollIntoView({ block: 'center', behavior: motion() });
                row.focus({ preventScroll: true });
              }
            }
          }, 'Back to the list')));
        detail.appendChild(h('p.small.muted.session',
          playgroundBadge(full), full.channel === 'playground' ? ' ' : null,
          'Session ', h('span.mono', { text: full.session_id })));
        detail.appendChild(h('div.transcript', full.messages.map(function (m) {
          var bubble = h('div.bubble.' + (m.role === 'user' ? 'user' : 'assistant'));
          if (m.role === 'user') {
            bubble.textContent = m.content;
            return bubble;
          }
          P.markdown(bubble, m.content);
          if (m.citations && m.citations.length) {
            bubble.appendChild(h('div.citations', h('strong', 'Sources'), h('ol', m.citations.map(function (c) {
              return h('li', c.source_url ? P.link(c.page_title || c.source_url, c.source_url) : h('span', { text: c.page_title }));
            }))));
          }
          var meta = h('div.meta');
          if (m.feedback) {
            meta.appendChild(h('span.pill.' + (m.feedback === 'up' ? 'ok' : 'bad'), { 'data-feedback': m.feedback },
              m.feedback === 'up' ? 'Visitor: helpful' : 'Visitor: not helpful'));
          }
          if (m.failure) {
            meta.appendChild(h('span.pill.bad', { 'data-failure': m.failure.reason }, 'Failed'));
          } else if (m.interrupted) {
            meta.appendChild(h('span.pill.warn', 'Interrupted'));
          }
          if (meta.firstChild) {
            bubble.appendChild(meta);
          }
          if (m.failure) {
            bubble.appendChild(h('p.small.failure-detail', { text: m.failure.detail }));
          }
          return bubble;
        })));
        reveal();
      }, function (error) {
        P.clear(detail).appendChild(h('div.callout.error', { text: error.message }));
        reveal();
      });
    }

    // Beside the list the transcript stays in view as the list scrolls (see .conversation in the CSS); below it,
    // on narrow screens, the row clicked may be far from it: bring it up, or the click looks as if it did nothing.
    function reveal() {
      var top = detail.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight / 2) {
        detail.scrollIntoView({ block: 'start', behavior: motion() });
      }
    }

    function motion() {
      return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    }

    botSelect.addEventListener('change', load);
    withPlayground.addEventListener('change', load);
    thumbsDown.addEventListener('change', load);
    from.addEventListener('change', draw);
    to.addEventListener('change', draw);

    from.id = P.id('from');
    to.id = P.id('to');
    main.appendChild(h('div.page-head', h('h1', 'Conversations')));
    main.appendChild(h('div.filters', { role: 'search', 'aria-label': 'Filter conversations' },
      h('label', { for: botSelect.id = P.id('bot') }, 'Bot'), botSelect,
      h('label', { for: from.id }, 'From'), from,
      h('label', { for: to.id }, 'To'), to,
      h('button.button.small.ghost', {
        type: 'button',
        on: { click: function () { from.value = ''; to.value = ''; draw(); } }
      }, 'Clear dates'),
      h('label.check.filter-check', withPlayground, h('span', 'Include my Playground chats')),
      h('label.check.filter-check', thumbsDown, h('span', 'Thumbs down only'))));
    main.appendChild(h('div.split', h('div.card', list), detail));
    if (bots.length) {
      load();
    } else {
      list.appendChild(h('div.empty', h('h2', 'No bots yet')));
    }
    return null;
  };
})();

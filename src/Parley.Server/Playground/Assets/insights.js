/*
 * A bot's Insights tab: what visitors asked over a range of days (GET /v1/bots/{id}/insights), as totals, a chart
 * per day, the questions asked most (grouped by meaning on the server) and the ones the bot did not answer well,
 * each with "Write the answer" (insights-answer.js). Only visitors' chats count, never the owner's own in the
 * Chat tab. The days are UTC days, as the server counts them.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  var presets = [7, 30, 90];

  /** Why a question is in the unanswered list, in the owner's words. */
  var reasons = {
    no_knowledge: 'The bot found nothing about it in its knowledge.',
    declined: 'The bot declined: it is outside what the bot may talk about.',
    filtered: 'A filter blocked or replaced the answer.',
    thumbs_down: 'The visitor voted the answer not helpful.',
    failed: 'The answer failed (the model or the credits ran out on it).'
  };

  var totals = [
    ['conversations', 'Conversations'],
    ['visitor_messages', 'Visitor messages'],
    ['answered', 'Answered'],
    ['unanswered', 'Not answered'],
    ['thumbs_up', 'Thumbs up'],
    ['thumbs_down', 'Thumbs down'],
    ['credits_spent', 'Credits spent']
  ];

  function utcDay(date) {
    return date.toISOString().slice(0, 10);
  }

  /** The last n UTC days, today included. */
  function lastDays(n) {
    var to = new Date();
    var from = new Date(to.getTime() - (n - 1) * 86400000);
    return { from: utcDay(from), to: utcDay(to) };
  }

  function number(value) {
    return Number(value || 0).toLocaleString(undefined, { maximumFractionDigits: 3 });
  }

  function percent(share) {
    return Math.round((share || 0) * 100) + '%';
  }

  function rangeQuery(range) {
    return '?from=' + encodeURIComponent(range.from) + '&to=' + encodeURIComponent(range.to);
  }

  screens.insights = function (panel, bot) {
    var base = '/v1/bots/' + encodeURIComponent(bot.id) + '/insights';
    var days = 30;
    var range = lastDays(days);
    var chart = null;
    var stopped = false;
    var loading = 0;

    var rangeMessage = h('div.range-message');
    var fromInput = h('input', { type: 'date', name: 'from', value: range.from });
    var toInput = h('input', { type: 'date', name: 'to', value: range.to });
    fromInput.id = P.id('from');
    toInput.id = P.id('to');
    var presetButtons = h('div.segmented', { role: 'group', 'aria-label': 'Range' }, presets.map(function (n) {
      return h('button', {
        type: 'button',
        'data-days': String(n),
        'aria-pressed': String(n === days),
        'aria-label': 'Last ' + n + ' days',
        on: { click: function () { choose(n); } }
      }, n + ' days');
    }));
    var csv = h('a.button.small.csv-link', {
      href: base + '/questions.csv' + rangeQuery(range),
      download: 'questions.csv',
      on: { click: download }
    }, 'Download CSV');
    var rangeForm = h('form.filters.insights-range', {
      role: 'search',
      'aria-label': 'Range of days',
      novalidate: true,
      on: { submit: function (event) { event.preventDefault(); custom(); } }
    },
    presetButtons,
    h('span.range-dates',
      h('span.range-date', h('label', { for: fromInput.id }, 'From'), fromInput),
      h('span.range-date', h('label', { for: toInput.id }, 'To'), toInput)),
    csv,
    rangeMessage);
    var body = h('div.insights-body', { 'aria-live': 'polite' });

    /** A range the server refused: the date it names is marked, and why is said under the whole form. */
    function rangeError(error) {
      [fromInput, toInput].forEach(function (input) {
        input.classList.remove('invalid');
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      });
      P.clear(rangeMessage);
      if (!error) {
        return;
      }
      var input = error.field === 'to' ? toInput : fromInput;
      var note = h('span.field-error', { id: P.id('range-error'), role: 'alert', text: error.message });
      input.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', note.id);
      rangeMessage.appendChild(note);
    }

    function pressed() {
      Array.prototype.forEach.call(presetButtons.children, function (button) {
        button.setAttribute('aria-pressed', String(Number(button.getAttribute('data-days')) === days));
      });
    }

    function choose(n) {
      days = n;
      range = lastDays(n);
      fromInput.value = range.from;
      toInput.value = range.to;
      pressed();
      load();
    }

    function custom() {
      if (!fromInput.value || !toInput.value) {
        return;
      }
      days = null;
      range = { from: fromInput.value, to: toInput.value };
      pressed();
      load();
    }

    fromInput.addEventListener('change', custom);
    toInput.addEventListener('change', custom);

    /** The CSV needs the key, which a plain link cannot send: fetch it and hand the browser the file. */
    function download(event) {
      event.preventDefault();
      fetch(csv.href, { headers: { Authorization: 'Bearer ' + P.key() } }).then(function (response) {
        if (!response.ok) {
          throw new Error('The server answered ' + response.status + '.');
        }
        return response.blob();
      }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = h('a', { href: url, download: 'questions-' + range.from + '-' + range.to + '.csv' });
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      }).catch(function (error) {
        P.toast('The CSV could not be downloaded: ' + error.message);
      });
    }

    function load() {
      var ticket = ++loading;
      csv.href = base + '/questions.csv' + rangeQuery(range);
      rangeError(null);
      body.setAttribute('aria-busy', 'true');
      P.api.get(base + rangeQuery(range)).then(function (insights) {
        if (stopped || ticket !== loading) {
          return;
        }
        body.removeAttribute('aria-busy');
        // The server's range is the one shown: it is what was counted.
        fromInput.value = insights.from;
        toInput.value = insights.to;
        draw(insights);
      }, function (error) {
        if (stopped || ticket !== loading) {
          return;
        }
        body.removeAttribute('aria-busy');
        if (error.field === 'from' || error.field === 'to') {
          rangeError(error);
          return;
        }
        destroyChart();
        P.clear(body).appendChild(h('div.callout.error', { role: 'alert', text: error.message }));
      });
    }

    function destroyChart() {
      if (chart) {
        chart.destroy();
        chart = null;
      }
    }

    function draw(insights) {
      destroyChart();
      P.clear(body);
      var t = insights.totals || {};
      if (!t.visitor_messages) {
        body.appendChild(h('div.card.empty.insights-empty',
          h('h2', 'No visitor questions yet'),
          h('p', 'Once visitors chat with ' + bot.name + ' on your site, this tab shows how many conversations and questions it gets each day, ' +
            'the questions asked most (grouped by meaning, so different words for the same thing count together), ' +
            'and the ones it could not answer, where you can write the answer once for every visitor who asks next.'),
          h('p.small', 'Your own chats in the Chat tab are not counted. ' + (days ? 'Nothing in the last ' + days + ' days.' : 'Nothing from ' + insights.from + ' to ' + insights.to + '.'))));
        return;
      }

      body.appendChild(h('dl.insights-totals', totals.map(function (entry) {
        return h('div.total', { 'data-total': entry[0] }, h('dt', entry[1]), h('dd', number(t[entry[0]])));
      })));

      chart = P.insightsChart(insights.per_day || []);
      body.appendChild(h('div.card.insights-chart-card',
        h('div.card-head', h('h2', 'Per day'), h('span.small.muted', 'UTC days')),
        chart.node));

      body.appendChild(topQuestions(insights.top_questions || []));
      body.appendChild(unanswered(insights.unanswered || []));
    }

    function topQuestions(groups) {
      var card = h('div.card.top-questions', h('div.card-head', h('h2', 'Top questions'), h('span.small.muted', 'Grouped by meaning')));
      if (!groups.length) {
        card.appendChild(h('p.muted', 'No questions in these days.'));
        return card;
      }
      card.appendChild(h('ol.question-list', groups.map(function (group) {
        var share = Math.max(0, Math.min(1, group.answered_share || 0));
        var bar = h('span.share-bar', { 'aria-hidden': 'true' }, h('span'));
        bar.firstChild.style.width = Math.round(share * 100) + '%';
        return h('li', { 'data-group-id': group.group_id },
          h('details',
            h('summary',
              h('span.question-text', { text: group.question }),
              h('span.question-stats',
                h('span.count', { 'data-count': String(group.count) }, group.count + (group.count === 1 ? ' time' : ' times')),
                h('span.share', bar, h('span', percent(share) + ' answered')))),
            examples(group)));
      })));
      return card;
    }

    /** A top question opened: how visitors worded it, and a better answer to write even for one the bot answered. */
    function examples(group) {
      var write = writeAnswer({ question: group.question }, function () {}, true);
      return h('div.examples',
        h('div.examples-head',
          h('div',
            h('p.small.muted', 'Asked as:'),
            h('ul', (group.examples || []).map(function (example) { return h('li', { text: example }); }))),
          write.controls),
        write.slot);
    }

    function unanswered(items) {
      var card = h('div.card.unanswered', h('div.card-head', h('h2', 'Not answered well'), h('span.small.muted', 'Newest first')));
      if (!items.length) {
        card.appendChild(h('p.muted', 'The bot answered every question in these days.'));
        return card;
      }
      card.appendChild(h('ul.unanswered-list', items.map(function (item) { return unansweredRow(item); })));
      return card;
    }

    /**
     * The "Write the answer" button of a question (quiet: not the page's main action), its status and the slot the
     * panel opens in; once saved, the button gives way to "Answer saved", a link to the Q&A source, and the row
     * (onSaved) is marked. An unanswered question's answer is recorded against it on the server, so the row says
     * "Answer saved" when the tab is opened again (item.answer_saved), until a question like it goes unanswered again.
     */
    function writeAnswer(item, onSaved, quiet) {
      var slot = h('div.answer-slot');
      var status = h('span.answer-status');
      var action = h('button.button.small' + (quiet ? '' : '.primary'), {
        type: 'button',
        'aria-expanded': 'false',
        on: { click: function () { open(); } }
      }, 'Write the answer');

      function open() {
        if (slot.firstChild) {
          close();
          return;
        }
        action.setAttribute('aria-expanded', 'true');
        slot.appendChild(P.answerPanel(bot, item, saved, close));
      }

      function close() {
        P.clear(slot);
        action.setAttribute('aria-expanded', 'false');
        action.focus();
      }

      function showSaved(sourceId, announce) {
        P.clear(slot);
        action.remove();
        status.appendChild(h('a.pill.ok.answer-saved', {
          href: '#/bots/' + bot.id + '/knowledge?source=' + encodeURIComponent(sourceId),
          title: 'Open the Q&A source that answers it',
          role: announce ? 'status' : null
        }, 'Answer saved'));
      }

      function saved(source) {
        showSaved(source.id, true);
        onSaved();
        if (item.message_id) {
          P.api.post(base + '/answers', { message_id: item.message_id, source_id: source.id }).catch(function () {
            P.toast('The answer is saved, but this question may ask for it again when the tab is opened next.');
          });
        }
      }

      var answered = item.answer_saved && item.answer_source_id;
      if (answered)
        showSaved(item.answer_source_id, false);
      return { slot: slot, controls: h('div.unanswered-action', status, answered ? null : action) };
    }

    function unansweredRow(item) {
      var write = writeAnswer(item, function () { row.classList.add('answered'); });
      var row = h('li' + (item.answer_saved ? '.answered' : ''), { 'data-group-id': item.group_id, 'data-reason': item.reason },
        h('div.unanswered-head',
          h('div.unanswered-main',
            h('span.question-text', { text: item.question }),
            h('span.reason', { text: reasons[item.reason] || item.reason }),
            h('span.small.muted', P.formatDate(item.asked_at) + (item.count > 1 ? ' · asked ' + item.count + ' times' : ''))),
          write.controls),
        write.slot);
      return row;
    }

    panel.appendChild(h('p.muted.small.insights-intro', 'What visitors asked ' + bot.name + ' on your site, and what it could not answer. Your own chats here are left out.'));
    panel.appendChild(rangeForm);
    panel.appendChild(body);
    load();
    return function () {
      stopped = true;
      destroyChart();
    };
  };
})();

/*
 * One source of a bot's knowledge, opened from the Knowledge tab (#/bots/{id}/knowledge?source={source_id}):
 * every page its last sync met with what became of it and why, the passages the bot holds from a page, the
 * text or Q&A pair edited in place, and a web source's re-sync schedule.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  var pageStatuses = [
    ['indexed', 'Indexed', 'ok'],
    ['unchanged', 'Unchanged', 'info'],
    ['skipped', 'Skipped', 'warn'],
    ['failed', 'Failed', 'bad']
  ];
  var typeNames = { text: 'Text', qa: 'Q&A pair', file: 'Document', url: 'Web page', sitemap: 'Sitemap', crawl: 'Crawled site' };

  function isFetched(source) {
    return source.type === 'url' || source.type === 'sitemap' || source.type === 'crawl';
  }

  function plural(count, word) {
    return count + ' ' + word + (count === 1 ? '' : 's');
  }

  function pageChip(status) {
    var known = pageStatuses.filter(function (s) { return s[0] === status; })[0] || [status, status, ''];
    return h('span.pill' + (known[2] ? '.' + known[2] : ''), { 'data-page-status': status }, known[1]);
  }

  function sourceChip(source) {
    var kinds = { ready: ['ok', 'Ready'], failed: ['bad', 'Failed'], running: ['info', 'Syncing'], queued: ['', 'Queued'] };
    var kind = kinds[source.status] || ['', source.status];
    return h('span.pill' + (kind[0] ? '.' + kind[0] : ''), { 'data-status': source.status }, kind[1]);
  }

  function motion() {
    return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  }

  screens.source = function (panel, bot, sourceId) {
    var base = '/v1/bots/' + bot.id + '/sources/' + encodeURIComponent(sourceId);
    var listHref = '#/bots/' + bot.id + '/knowledge';
    var stopped = false;
    var timer = null;
    var source = null;
    var head = h('div.card.source-head', h('p.muted', 'Loading…'));
    var settings = h('div.source-settings');
    var pagesCard = h('div.card.pages-card');
    var passages = h('div.card.passages', { 'aria-live': 'polite' });
    var body = h('div.source-body');

    panel.appendChild(h('a.back-link', { href: listHref }, '← All sources'));
    panel.appendChild(head);
    panel.appendChild(settings);
    panel.appendChild(body);

    function drawHead() {
      P.clear(head);
      // A web source is titled by its address: the title is then the link, not said twice.
      var title = source.title || source.question || source.url || 'Source';
      head.appendChild(h('div.card-head',
        h('h2', title === source.url ? P.link(title, source.url) : document.createTextNode(title)),
        h('span.pill', typeNames[source.type] || source.type),
        sourceChip(source)));
      if (source.url && title !== source.url) {
        head.appendChild(h('p.source-url', P.link(source.url, source.url)));
      }
      var facts = [plural(source.chunks, 'passage')];
      if (isFetched(source)) {
        facts.push(plural(source.pages, 'page') + ' visited');
        facts.push(source.last_synced_at ? 'last synced ' + P.formatDate(source.last_synced_at) : 'not synced yet');
      } else {
        facts.push('updated ' + P.formatDate(source.updated_at));
      }
      head.appendChild(h('p.small.muted', { text: facts.join(' · ') }));
      if (source.status === 'failed' && source.error) {
        head.appendChild(h('div.callout.error', { text: 'The last sync failed: ' + source.error }));
      }
    }

    // ---- editing a text, Q&A pair or document in place ----------------------------------------------

    function editForm() {
      var controls = {};
      var message = h('div');
      var save = h('button.button.primary', { type: 'submit' }, 'Save changes');
      function control(name, type, value, attrs) {
        var node = h(type === 'textarea' ? 'textarea' : 'input', attrs || {});
        node.name = name;
        if (type !== 'textarea') {
          node.type = type;
        }
        node.value = value || '';
        controls[name] = node;
        return node;
      }
      var fields;
      if (source.type === 'text') {
        fields = [
          h('div.grid.two',
            P.field('Title', control('title', 'text', source.title, { maxlength: '500' }), 'Left empty, the text\u2019s first line.'),
            P.field('Link (optional)', control('url', 'url', source.url, { placeholder: 'https://example.com/hours' }), 'Cited with answers that use this text.')),
          P.field('Text', control('text', 'textarea', source.text, { rows: '12', required: true }))
        ];
      } else if (source.type === 'qa') {
        fields = [
          P.field('Question', control('question', 'text', source.question, { required: true, maxlength: '2000' })),
          P.field('Answer', control('answer', 'textarea', source.answer, { rows: '6', required: true })),
          P.field('Link (optional)', control('url', 'url', source.url, { placeholder: 'https://example.com/faq' }), 'Cited with answers that use this pair.')
        ];
      } else {
        fields = [P.field('Title', control('title', 'text', source.title, { required: true, maxlength: '500' }), 'To change the document itself, upload the new version.')];
      }

      function changes() {
        if (source.type === 'text') {
          return { title: controls.title.value.trim() || null, url: controls.url.value.trim() || null, text: controls.text.value };
        }
        if (source.type === 'qa') {
          return { question: controls.question.value, answer: controls.answer.value, url: controls.url.value.trim() || null };
        }
        return { title: controls.title.value };
      }

      var form = h('form.card.stack', {
        'aria-labelledby': 'edit-source-title',
        novalidate: true,
        on: {
          submit: function (event) {
            event.preventDefault();
            save.disabled = true;
            P.showError(form, null);
            P.clear(message);
            P.api.patch(base, changes()).then(function (updated) {
              source = updated;
              P.toast('Saved: the bot answers from the new version');
              drawHead();
              openWritten();
            }, function (error) {
              P.showError(form, error, message);
            }).then(function () {
              save.disabled = false;
            });
          }
        }
      },
      h('div.card-head', h('h2#edit-source-title', source.type === 'qa' ? 'Edit the Q&A pair' : source.type === 'text' ? 'Edit the text' : 'Edit the document')),
      h('p.small.muted', 'Saving indexes it again at once: the next question is answered from the new version.'),
      fields,
      message,
      h('div.row.end', save));
      return form;
    }

    // ---- a web source's re-sync schedule ------------------------------------------------------------

    function scheduleForm() {
      var hours = h('input', { type: 'number', name: 'sync_interval_hours', min: '1', max: '8760', step: '1', placeholder: 'Never', inputmode: 'numeric' });
      hours.value = source.sync_interval_hours || '';
      var message = h('div');
      var next = h('p.small.schedule-note', { 'data-schedule': source.sync_interval_hours ? 'on' : 'off' });
      function describe() {
        P.clear(next);
        if (!source.sync_interval_hours) {
          next.textContent = 'Synced only when you ask.';
        } else if (source.next_sync_at) {
          next.textContent = 'Every ' + plural(source.sync_interval_hours, 'hour') + '. Next sync ' + P.formatDate(source.next_sync_at) + '.';
        } else {
          next.textContent = 'Every ' + plural(source.sync_interval_hours, 'hour') + ', counted from the end of the first sync.';
        }
        next.setAttribute('data-schedule', source.sync_interval_hours ? 'on' : 'off');
      }
      describe();
      var save = h('button.button.primary', { type: 'submit' }, 'Save schedule');
      var syncNow = h('button.button', {
        type: 'button',
        disabled: source.status === 'queued' || source.status === 'running',
        on: {
          click: function () {
            syncNow.disabled = true;
            P.api.post(base + '/sync').then(function (queued) {
              source = queued;
              P.toast('Sync queued');
              drawHead();
              watch();
            }, function (error) {
              syncNow.disabled = false;
              P.toast(error.message);
            });
          }
        }
      }, 'Sync now');
      var form = h('form.card.stack', {
        'aria-labelledby': 'schedule-title',
        novalidate: true,
        on: {
          submit: function (event) {
            event.preventDefault();
            save.disabled = true;
            P.showError(form, null);
            P.clear(message);
            P.api.patch(base, { sync_interval_hours: hours.value === '' ? null : Number(hours.value) }).then(function (updated) {
              source = updated;
              describe();
              P.toast(source.sync_interval_hours ? 'Schedule saved' : 'Schedule removed');
            }, function (error) {
              P.showError(form, error, message);
            }).then(function () {
              save.disabled = false;
            });
          }
        }
      },
      h('div.card-head', h('h2#schedule-title', 'Re-sync')),
      h('div.schedule-row',
        P.field('Re-sync every (hours)', hours, 'From 1 to 8760 (a year); empty for never.'),
        h('div.row', save, syncNow)),
      next,
      message);
      form.syncNow = syncNow;
      return form;
    }

    // ---- pages and their passages -------------------------------------------------------------------

    var filter = '';
    var cursor = null;
    var selectedUrl = null;
    var counts = null;
    var chips = h('div.segmented.page-filter', { role: 'radiogroup', 'aria-label': 'Show pages' });
    var rows = h('tbody');
    var more = h('div.row.end');
    var empty = h('div');

    function drawChips() {
      P.clear(chips);
      var total = counts ? counts.indexed + counts.unchanged + counts.skipped + counts.failed : 0;
      [['', 'All', total]].concat(pageStatuses.map(function (s) { return [s[0], s[1], counts ? counts[s[0]] : 0]; })).forEach(function (c) {
        chips.appendChild(h('button', {
          type: 'button',
          role: 'radio',
          'data-filter': c[0] || 'all',
          'aria-checked': String(c[0] === filter),
          tabindex: c[0] === filter ? '0' : '-1',
          on: {
            click: function () {
              filter = c[0];
              loadPages(true);
            }
          }
        }, c[1] + ' ', h('span.count', String(c[2]))));
      });
    }

    chips.addEventListener('keydown', function (event) {
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) {
        return;
      }
      event.preventDefault();
      var buttons = Array.prototype.slice.call(chips.children);
      var index = buttons.indexOf(chips.querySelector('[aria-checked=true]'));
      var next = buttons[(index + step + buttons.length) % buttons.length];
      next.click();
      chips.addEventListener('chips-drawn', function focus() {
        chips.removeEventListener('chips-drawn', focus);
        chips.querySelector('[aria-checked=true]').focus();
      });
    });

    function pageRow(page) {
      var open = function () { openPage(page, row); };
      var row = h('tr.clickable', {
        tabindex: '0',
        'data-page-url': page.url,
        'aria-label': (page.title || page.url) + ': ' + page.status + (page.reason ? ', ' + page.reason : ''),
        on: {
          click: open,
          keydown: function (event) {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              open();
            }
          }
        }
      },
      h('td.page-cell',
        h('span.page-title', { text: page.title || pathOf(page.url) }),
        h('span.page-url', { text: page.url }),
        page.reason ? h('span.page-reason', { text: page.reason }) : null),
      h('td', pageChip(page.status)),
      h('td.hide-narrow.small.nowrap', { title: 'Passages the bot holds from this page' }, String(page.chunks)));
      if (page.url === selectedUrl) {
        row.classList.add('selected');
      }
      return row;
    }

    function loadPages(reset) {
      var query = '?limit=50' + (filter ? '&status=' + filter : '') + (!reset && cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return P.api.get(base + '/pages' + query).then(function (list) {
        if (stopped) {
          return;
        }
        counts = list.counts;
        cursor = list.next_cursor;
        drawChips();
        chips.dispatchEvent(new Event('chips-drawn'));
        if (reset) {
          P.clear(rows);
        }
        list.pages.forEach(function (page) { rows.appendChild(pageRow(page)); });
        P.clear(empty);
        if (!rows.firstChild) {
          empty.appendChild(h('div.empty', h('p', filter ? 'No page has this status.' : isFetched(source) && (source.status === 'queued' || source.status === 'running')
            ? 'The first pages appear here as they are fetched.' : 'No pages yet.')));
        }
        P.clear(more);
        if (cursor) {
          more.appendChild(h('button.button.small', { type: 'button', on: { click: function () { loadPages(false); } } }, 'Show more pages'));
        }
      }, function (error) {
        P.clear(empty).appendChild(h('div.callout.error', { text: error.message }));
      });
    }

    // An untitled page (a link left out, a file) is named by its path, which says more than its host.
    function pathOf(url) {
      try {
        var parsed = new URL(url);
        return decodeURIComponent(parsed.pathname + parsed.search) || url;
      } catch (e) {
        return url;
      }
    }

    function passageList(list) {
      return h('ol.passage-list', list.passages.map(function (passage) {
        var text = P.markdown(h('div.passage-text'), passage.text);
        return h('li', { 'data-order': String(passage.order) },
          h('div.passage-head',
            h('span.passage-order', { text: '#' + passage.order }),
            passage.heading ? h('strong', { text: passage.heading }) : null,
            passage.url ? h('span.passage-link', P.link('Cited as ' + passage.url, passage.url)) : null),
          text);
      }));
    }

    function drawPassages(list, page) {
      P.clear(passages);
      var back = h('button.button.small.back-to-pages', {
        type: 'button',
        on: {
          click: function () {
            var row = rows.querySelector('tr.selected');
            (row || pagesCard).scrollIntoView({ block: 'center', behavior: motion() });
            if (row) {
              row.focus({ preventScroll: true });
            }
          }
        }
      }, 'Back to the pages');
      passages.classList.remove('idle');
      passages.appendChild(h('div.card-head',
        h('h2#passages-title', isFetched(source) ? 'What the bot knows from this page' : 'What the bot knows from it'),
        isFetched(source) ? back : null));
      if (isFetched(source)) {
        passages.appendChild(h('p.passages-page', h('strong', { text: list.title || (page && page.title) || pathOf(list.url) }),
          h('span.page-url', P.link(list.url, list.url))));
      }
      if (!list.passages.length) {
        passages.appendChild(h('div.callout.info', { 'data-no-passages': '' },
          'The bot holds nothing from this page.' + (page && page.reason ? ' ' + page.reason : '')));
        return;
      }
      passages.appendChild(h('p.small.muted', { text: plural(list.passages.length, 'passage') + ', in the page\u2019s order, as the search finds them.' }));
      passages.appendChild(passageList(list));
    }

    function openPage(page, row) {
      selectedUrl = page.url;
      Array.prototype.forEach.call(rows.querySelectorAll('tr.selected'), function (r) { r.classList.remove('selected'); });
      row.classList.add('selected');
      P.clear(passages).appendChild(h('p.muted', 'Loading passages…'));
      P.api.get(base + '/passages?url=' + encodeURIComponent(page.url)).then(function (list) {
        drawPassages(list, page);
        reveal();
      }, function (error) {
        P.clear(passages).appendChild(h('div.callout.error', { text: error.message }));
        reveal();
      });
    }

    function openWritten() {
      P.api.get(base + '/passages').then(function (list) {
        drawPassages(list, null);
      }, function (error) {
        P.clear(passages).appendChild(h('div.callout.error', { text: error.message }));
      });
    }

    // Beside the pages the passages stay in view (sticky); below them, on a phone, bring them up.
    function reveal() {
      var top = passages.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight / 2) {
        passages.scrollIntoView({ block: 'start', behavior: motion() });
      }
    }

    // ---- live while a sync runs ---------------------------------------------------------------------

    var scheduleNode = null;
    function watch() {
      clearTimeout(timer);
      if (stopped || !(source.status === 'queued' || source.status === 'running')) {
        return;
      }
      timer = setTimeout(function () {
        P.api.get(base).then(function (latest) {
          if (stopped) {
            return;
          }
          source = latest;
          drawHead();
          loadPages(true);
          if (scheduleNode) {
            scheduleNode.syncNow.disabled = source.status === 'queued' || source.status === 'running';
          }
          watch();
        });
      }, 1500);
    }

    P.api.get(base).then(function (found) {
      if (stopped) {
        return;
      }
      source = found;
      document.title = (source.title || 'Source') + ' · ' + bot.name + ' · Parley Playground';
      drawHead();
      if (isFetched(source)) {
        scheduleNode = scheduleForm();
        settings.appendChild(scheduleNode);
        pagesCard.appendChild(h('div.card-head', h('h2', 'Pages')));
        pagesCard.appendChild(h('p.small.muted', 'Every page the last sync met, and what became of it. Choose one to see what the bot knows from it.'));
        pagesCard.appendChild(chips);
        pagesCard.appendChild(h('table.table.pages-table',
          h('caption.sr-only', 'Pages of this source'),
          h('thead', h('tr', h('th', 'Page'), h('th', 'Status'), h('th.hide-narrow', 'Passages'))),
          rows));
        pagesCard.appendChild(empty);
        pagesCard.appendChild(more);
        passages.classList.add('idle');
        passages.appendChild(h('div.empty', h('p', 'Choose a page to see the passages the bot answers from.')));
        body.appendChild(h('div.split.source-split', pagesCard, passages));
        loadPages(true);
        watch();
      } else {
        settings.appendChild(editForm());
        body.appendChild(passages);
        openWritten();
      }
    }, function (error) {
      P.clear(head).appendChild(h('div.empty',
        h('h2', error.status === 404 ? 'Source not found' : 'The source could not be read'),
        h('p', { text: error.status === 404 ? 'It may have been removed.' : error.message }),
        h('a.button', { href: listHref }, 'All sources')));
    });

    return function () {
      stopped = true;
      clearTimeout(timer);
    };
  };
})();

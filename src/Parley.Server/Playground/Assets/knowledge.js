/*
 * A bot's knowledge: add a source of any type the server takes (text, Q&A, a page, a sitemap, a crawl,
 * an uploaded document), watch each one's ingestion live, re-sync or remove it. A source's title opens it
 * (source.js): its pages, their passages, editing and the re-sync schedule.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  var types = [
    ['text', 'Text'],
    ['qa', 'Q&A'],
    ['url', 'Web page'],
    ['sitemap', 'Sitemap'],
    ['crawl', 'Crawl a site'],
    ['file', 'Upload a file']
  ];

  function statusPill(source) {
    var kinds = { ready: 'ok', failed: 'bad', running: 'info', queued: '' };
    var labels = { ready: 'Ready', failed: 'Failed', running: 'Syncing', queued: 'Queued' };
    return h('span.pill' + (kinds[source.status] ? '.' + kinds[source.status] : ''), {
      'data-status': source.status,
      title: source.error || ''
    }, labels[source.status] || source.status);
  }

  function progress(source) {
    if (source.status === 'ready') {
      return h('span.small.muted', source.chunks + ' chunk' + (source.chunks === 1 ? '' : 's') +
        (source.pages > 1 || source.type === 'crawl' || source.type === 'sitemap' ? ' · ' + source.pages + ' page' + (source.pages === 1 ? '' : 's') : ''));
    }
    if (source.status === 'failed') {
      return h('span.small', { text: source.error || 'Ingestion failed.' });
    }
    var total = source.pages_total;
    var bar = h('div.progress' + (total ? '' : '.indeterminate'), {
      role: 'progressbar',
      'aria-label': 'Ingestion progress',
      'aria-valuemin': '0',
      'aria-valuemax': total ? String(total) : null,
      'aria-valuenow': total ? String(source.pages) : null
    }, h('span'));
    if (total) {
      bar.firstChild.style.width = Math.min(100, Math.round((100 * source.pages) / total)) + '%';
    }
    return h('div.row', bar, h('span.small.muted', total ? source.pages + ' / ' + total + ' pages' : source.pages ? source.pages + ' pages' : 'Starting…'));
  }

  var shortLabels = { text: 'Text', qa: 'Q&A', url: 'Page', sitemap: 'Sitemap', crawl: 'Crawl', file: 'File' };

  function typeLabel(type) {
    return shortLabels[type] || type;
  }

  function form(bot, onAdded) {
    var current = 'text';
    var message = h('div');
    var fields = h('div.stack');
    var submit = h('button.button.primary', { type: 'submit' }, 'Add source');
    var chooser = h('div.segmented', { role: 'radiogroup', 'aria-label': 'Source type' }, types.map(function (t) {
      return h('button', {
        type: 'button',
        role: 'radio',
        'data-type': t[0],
        'aria-checked': String(t[0] === current),
        tabindex: t[0] === current ? '0' : '-1',
        on: { click: function () { choose(t[0]); } }
      }, t[1]);
    }));
    chooser.addEventListener('keydown', function (event) {
      var order = types.map(function (t) { return t[0]; });
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) {
        return;
      }
      event.preventDefault();
      choose(order[(order.indexOf(current) + step + order.length) % order.length]);
      chooser.querySelector('[aria-checked=true]').focus();
    });

    function input(name, type, attrs) {
      var node = h(type === 'textarea' ? 'textarea' : 'input', attrs || {});
      node.name = name;
      if (type !== 'textarea') {
        node.type = type;
      }
      return node;
    }

    var controls = {};
    function choose(type) {
      current = type;
      Array.prototype.forEach.call(chooser.children, function (button) {
        var on = button.getAttribute('data-type') === type;
        button.setAttribute('aria-checked', String(on));
        button.tabIndex = on ? 0 : -1;
      });
      P.clear(fields);
      P.clear(message);
      controls = {};
      if (type === 'text') {
        controls.title = input('title', 'text', { placeholder: 'Opening hours', maxlength: '500' });
        controls.url = input('url', 'url', { placeholder: 'https://example.com/hours' });
        controls.text = input('text', 'textarea', { rows: '6', required: true, placeholder: 'Paste the text the bot should know.' });
        fields.appendChild(h('div.grid.two', P.field('Title', controls.title), P.field('Link (optional)', controls.url, 'Cited with answers that use this text.')));
        fields.appendChild(P.field('Text', controls.text));
      } else if (type === 'qa') {
        controls.question = input('question', 'text', { required: true, placeholder: 'Do you ship abroad?' });
        controls.answer = input('answer', 'textarea', { rows: '4', required: true, placeholder: 'Yes, to every EU country.' });
        fields.appendChild(P.field('Question', controls.question));
        fields.appendChild(P.field('Answer', controls.answer));
      } else if (type === 'file') {
        controls.file = input('file', 'file', { required: true, accept: '.pdf,.docx,.html,.htm,.md,.markdown,.txt' });
        fields.appendChild(P.field('Document', controls.file, 'PDF, Word (.docx), HTML, Markdown or plain text, up to 20 MiB.'));
      } else {
        controls.url = P.offerHttps(input('url', 'url', { required: true, placeholder: type === 'sitemap' ? 'https://example.com/sitemap.xml' : 'https://example.com/' }));
        fields.appendChild(P.field(type === 'sitemap' ? 'Sitemap address' : type === 'crawl' ? 'Start page' : 'Page address', controls.url));
        if (type === 'crawl') {
          controls.max_pages = input('max_pages', 'number', { min: '1', placeholder: '500' });
          controls.max_depth = input('max_depth', 'number', { min: '0', placeholder: '5' });
          controls.include = input('include', 'text', { placeholder: '/docs/**' });
          controls.exclude = input('exclude', 'text', { placeholder: '/blog/**' });
          fields.appendChild(h('div.grid.two',
            P.field('Max pages', controls.max_pages),
            P.field('Max depth', controls.max_depth),
            P.field('Include (globs, comma separated)', controls.include),
            P.field('Exclude (globs, comma separated)', controls.exclude)));
        }
        controls.sync_interval_hours = input('sync_interval_hours', 'number', { min: '1', placeholder: 'Never' });
        fields.appendChild(P.field('Re-sync every (hours)', controls.sync_interval_hours, 'Leave empty to sync only when you ask.'));
      }
    }

    function globs(text) {
      return String(text || '').split(',').map(function (g) { return g.trim(); }).filter(Boolean);
    }

    function body() {
      if (current === 'file') {
        var data = new FormData();
        data.append('file', controls.file.files[0]);
        return data;
      }
      var result = { type: current };
      if (current === 'text') {
        result.title = controls.title.value || undefined;
        result.url = controls.url.value || undefined;
        result.text = controls.text.value;
      } else if (current === 'qa') {
        result.question = controls.question.value;
        result.answer = controls.answer.value;
      } else {
        result.url = controls.url.value;
        if (controls.sync_interval_hours.value) {
          result.sync_interval_hours = Number(controls.sync_interval_hours.value);
        }
        if (current === 'crawl') {
          if (controls.max_pages.value) {
            result.max_pages = Number(controls.max_pages.value);
          }
          if (controls.max_depth.value) {
            result.max_depth = Number(controls.max_depth.value);
          }
          if (globs(controls.include.value).length) {
            result.include = globs(controls.include.value);
          }
          if (globs(controls.exclude.value).length) {
            result.exclude = globs(controls.exclude.value);
          }
        }
      }
      return result;
    }

    var node = h('form.card.stack', {
      'aria-labelledby': 'add-source-title',
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          if (current === 'file' && !controls.file.files.length) {
            P.showError(node, { field: 'file', message: 'Choose a document to upload.' }, message);
            return;
          }
          submit.disabled = true;
          P.showError(node, null);
          P.clear(message);
          P.api.post('/v1/bots/' + bot.id + '/sources', body()).then(function () {
            P.toast('Source added');
            choose(current);
            onAdded();
          }, function (error) {
            P.showError(node, error, message);
          }).then(function () {
            submit.disabled = false;
          });
        }
      }
    },
    h('div.card-head', h('h2#add-source-title', 'Add knowledge')),
    chooser,
    fields,
    message,
    h('div.row.end', submit));
    choose('text');
    return node;
  }

  screens.knowledge = function (panel, bot) {
    var opened = P.query('source');
    if (opened && screens.source) {
      return screens.source(panel, bot, opened);
    }
    var list = h('div');
    var timer = null;
    var stopped = false;

    function draw(sources) {
      P.clear(list);
      if (!sources.length) {
        list.appendChild(h('div.empty', h('h2', 'No knowledge yet'), h('p', 'Add text, Q&A pairs, web pages or documents above; the bot answers from them.')));
        return;
      }
      var rows = sources.map(function (source) {
        var fetched = source.type === 'url' || source.type === 'sitemap' || source.type === 'crawl';
        return h('tr', { 'data-source-id': source.id },
          h('td.hide-narrow', h('span.pill', typeLabel(source.type))),
          h('td.title-cell', { title: source.url || source.title },
            h('span.type-inline', typeLabel(source.type)),
            h('a.source-link', {
              href: '#/bots/' + bot.id + '/knowledge?source=' + encodeURIComponent(source.id),
              text: source.title || source.url || source.question || 'Untitled'
            })),
          h('td', statusPill(source)),
          h('td.hide-narrow', progress(source)),
          h('td.hide-narrow.small.muted.nowrap', P.formatDate(source.last_synced_at || source.updated_at)),
          h('td', h('div.row.end',
            fetched ? h('button.button.small', {
              type: 'button',
              'aria-label': 'Re-sync ' + (source.title || source.url),
              disabled: source.status === 'running' || source.status === 'queued',
              on: {
                click: function () {
                  P.api.post('/v1/bots/' + bot.id + '/sources/' + source.id + '/sync').then(refresh, function (error) { P.toast(error.message); });
                }
              }
            }, 'Sync') : null,
            h('button.button.small.danger', {
              type: 'button',
              'aria-label': 'Remove ' + (source.title || source.url || 'source'),
              on: {
                click: function () {
                  P.confirmDialog('Remove this source?', 'The bot forgets everything it learnt from it.', 'Remove').then(function (ok) {
                    if (ok) {
                      P.api.del('/v1/bots/' + bot.id + '/sources/' + source.id).then(function () {
                        P.toast('Source removed');
                        refresh();
                      }, function (error) { P.toast(error.message); });
                    }
                  });
                }
              }
            }, 'Remove'))));
      });
      list.appendChild(h('table.table',
        h('caption.sr-only', 'Knowledge sources'),
        h('thead', h('tr', h('th.hide-narrow', 'Type'), h('th', 'Source'), h('th', 'Status'), h('th.hide-narrow', 'Progress'), h('th.hide-narrow', 'Updated'), h('th', h('span.sr-only', 'Actions')))),
        h('tbody', rows)));
    }

    function refresh() {
      clearTimeout(timer);
      return P.api.get('/v1/bots/' + bot.id + '/sources').then(function (sources) {
        if (stopped) {
          return;
        }
        sources.sort(function (a, b) { return b.created_at.localeCompare(a.created_at); });
        draw(sources);
        var busy = sources.some(function (s) { return s.status === 'queued' || s.status === 'running'; });
        // Live while something is ingesting; a quiet list is only checked now and then.
        timer = setTimeout(refresh, busy ? 700 : 5000);
      }, function (error) {
        if (!stopped) {
          P.clear(list).appendChild(h('div.callout.error', { text: error.message }));
        }
      });
    }

    panel.appendChild(form(bot, refresh));
    panel.appendChild(h('div.card', h('div.card-head', h('h2', 'Sources')),
      h('p.small.muted', 'Open a source to see its pages and what the bot knows from each, to edit a text or Q&A pair, or to change when a site is synced.'),
      list));
    refresh();
    return function () {
      stopped = true;
      clearTimeout(timer);
    };
  };
})();

/*
 * A bot's page (its header and tabs), the new-bot form, and the settings form with every bot setting.
 * Settings the form does not know yet (added by newer servers) stay editable as JSON under "Advanced".
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  var tabs = [
    ['chat', 'Chat'],
    ['knowledge', 'Knowledge'],
    ['settings', 'Settings'],
    ['embed', 'Embed']
  ];

  screens.bot = function (main, bot, tab) {
    if (!tabs.some(function (t) { return t[0] === tab; })) {
      tab = 'chat';
    }
    document.title = bot.name + ' · Parley Playground';
    var list = h('div.tabs', { role: 'tablist', 'aria-label': bot.name },
      tabs.map(function (t) {
        var selected = t[0] === tab;
        return h('button', {
          type: 'button',
          role: 'tab',
          id: 'tab-' + t[0],
          'aria-selected': String(selected),
          'aria-controls': 'tab-panel',
          tabindex: selected ? '0' : '-1',
          on: { click: function () { location.hash = '#/bots/' + bot.id + '/' + t[0]; } }
        }, t[1]);
      }));
    P.tabKeys(list);
    var panel = h('section', { id: 'tab-panel', role: 'tabpanel', 'aria-labelledby': 'tab-' + tab });
    main.appendChild(h('div.page-head',
      h('h1', { text: bot.name }),
      h('span.pill' + (bot.active ? '.ok' : '.warn'), bot.active ? 'Active' : 'Inactive'),
      h('span.pill' + (bot.privacy === 'public' ? '.info' : ''), bot.privacy === 'public' ? 'Public' : 'Private')));
    main.appendChild(list);
    main.appendChild(panel);
    var cleanup = screens[tab](panel, bot);
    if (P.refocusTab) {
      P.refocusTab = false;
      list.querySelector('[aria-selected=true]').focus();
    }
    return cleanup;
  };

  screens['new-bot'] = function (main) {
    document.title = 'New bot · Parley Playground';
    var state = P.state;
    if (!state.workspaces.length) {
      main.appendChild(h('div.card.empty', h('h2', 'Create a workspace first'), h('p', 'Bots live in a workspace.'),
        h('a.button.primary', { href: '#/workspaces' }, 'Go to workspaces')));
      return null;
    }
    var name = h('input', { type: 'text', name: 'name', required: true, maxlength: '200', placeholder: 'Support assistant' });
    var welcome = h('textarea', { name: 'welcome_message', rows: '2', placeholder: 'Hi! Ask me anything about our products.' });
    var message = h('div');
    var form = h('form.card.stack', {
      on: {
        submit: function (event) {
          event.preventDefault();
          P.api.post('/v1/bots', {
            workspace_id: state.workspaceId,
            name: name.value,
            welcome_message: welcome.value || null
          }).then(function (bot) {
            P.toast('Bot created');
            return P.loadBots().then(function () {
              location.hash = '#/bots/' + bot.id + '/knowledge';
            });
          }, function (error) {
            P.showError(form, error, message);
          });
        }
      }
    },
    h('h2', 'Create a bot'),
    h('p.muted', 'Give it a name now; knowledge, behaviour and appearance come next.'),
    P.field('Name', name),
    P.field('Welcome message', welcome, 'Shown when a visitor opens the chat. Optional.'),
    message,
    h('div.row.end', h('button.button.primary', { type: 'submit' }, 'Create bot')));
    main.appendChild(h('div.page-head', h('h1', 'New bot')));
    main.appendChild(form);
    name.focus();
    return null;
  };

  var known = ['id', 'workspace_id', 'name', 'privacy', 'active', 'allowed_domains', 'rate_limit', 'citations_enabled', 'system_prompt',
    'welcome_message', 'filters', 'suggested_questions', 'widget', 'created_at', 'updated_at'];

  /**
   * A setting as the form sends it back: without what the server only reports. "api_key_set" says whether a
   * write-only key is stored; the API refuses it in an update, and leaving "api_key" out keeps the key.
   */
  function writable(name, value, storedKeys) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !('api_key_set' in value)) {
      return value;
    }
    var copy = {};
    Object.keys(value).forEach(function (field) {
      if (field !== 'api_key_set') {
        copy[field] = value[field];
      }
    });
    if (value.api_key_set) {
      storedKeys.push('"' + name + '"');
    }
    return copy;
  }

  function keyHint(storedKeys) {
    if (!storedKeys.length) {
      return null;
    }
    return storedKeys.length === 1
      ? 'An API key is stored for ' + storedKeys[0] + '. It is never shown, and saving keeps it while the provider and address stay the same. ' +
        'To replace it, add "api_key" to ' + storedKeys[0] + '; "api_key": null removes it.'
      : 'API keys are stored for ' + storedKeys.join(' and ') + '. They are never shown, and saving keeps them while the provider and address stay the same. ' +
        'To replace one, add "api_key" to its object; "api_key": null removes it.';
  }

  screens.settings = function (panel, bot) {
    var widget = bot.widget || { color: '#4f46e5', position: 'right' };
    var filters = bot.filters || { redact_pii: false, blocked_terms: [] };
    var f = {
      name: h('input', { type: 'text', name: 'name', value: bot.name, maxlength: '200', required: true }),
      privacy: h('select', { name: 'privacy' },
        h('option', { value: 'public', selected: bot.privacy === 'public' }, 'Public: anyone can chat through the widget or the public API'),
        h('option', { value: 'private', selected: bot.privacy === 'private' }, 'Private: only callers with an API key')),
      active: P.checkbox('active', 'Active', 'An inactive bot answers no one.', bot.active),
      domains: h('textarea', { name: 'allowed_domains', rows: '3', value: (bot.allowed_domains || []).join('\n'), placeholder: 'example.com\n*.example.com' }),
      max: h('input', { type: 'number', name: 'max_messages', min: '1', value: bot.rate_limit ? bot.rate_limit.max_messages : '', placeholder: 'Server default' }),
      window: h('input', { type: 'number', name: 'window_seconds', min: '1', value: bot.rate_limit ? bot.rate_limit.window_seconds : '', placeholder: 'Server default' }),
      citations: P.checkbox('citations_enabled', 'Show sources', 'Answers list the pages they relied on.', bot.citations_enabled),
      system: h('textarea', { name: 'system_prompt', rows: '5', value: bot.system_prompt || '', placeholder: 'You are the friendly assistant of Acme. Answer only from the knowledge provided.' }),
      welcome: h('textarea', { name: 'welcome_message', rows: '2', value: bot.welcome_message || '' }),
      suggested: h('textarea', { name: 'suggested_questions', rows: '3', value: (bot.suggested_questions || []).join('\n'), placeholder: 'How do I get started?\nWhat does it cost?' }),
      pii: P.checkbox('redact_pii', 'Redact personal data', 'E-mail addresses and phone numbers are masked in answers.', filters.redact_pii),
      blocked: h('textarea', { name: 'blocked_terms', rows: '2', value: (filters.blocked_terms || []).join('\n') }),
      piiAllow: P.piiAllowField(bot),
      color: h('input', { type: 'color', name: 'color', value: widget.color || '#4f46e5' }),
      position: h('select', { name: 'position' },
        h('option', { value: 'right', selected: widget.position !== 'left' }, 'Bottom right'),
        h('option', { value: 'left', selected: widget.position === 'left' }, 'Bottom left')),
      title: h('input', { type: 'text', name: 'title', maxlength: '80', value: widget.title || '', placeholder: bot.name }),
      avatar: h('input', { type: 'url', name: 'avatar_url', value: widget.avatar_url || '', placeholder: 'https://example.com/avatar.png' })
    };

    var extra = {};
    var storedKeys = [];
    Object.keys(bot).forEach(function (name) {
      if (known.indexOf(name) < 0) {
        extra[name] = writable(name, bot[name], storedKeys);
      }
    });
    var advanced = h('textarea.mono', { name: 'advanced', rows: '6', value: JSON.stringify(extra, null, 2) });
    var message = h('div');
    var save = h('button.button.primary', { type: 'submit' }, 'Save changes');

    function body() {
      var settings = {
        name: f.name.value,
        privacy: f.privacy.value,
        active: f.active.querySelector('input').checked,
        allowed_domains: P.lines(f.domains.value),
        rate_limit: f.max.value || f.window.value ? { max_messages: Number(f.max.value), window_seconds: Number(f.window.value) } : null,
        citations_enabled: f.citations.querySelector('input').checked,
        system_prompt: f.system.value || null,
        welcome_message: f.welcome.value || null,
        suggested_questions: P.lines(f.suggested.value),
        filters: { redact_pii: f.pii.querySelector('input').checked, pii_allow: f.piiAllow.value(), blocked_terms: P.lines(f.blocked.value) },
        widget: { color: f.color.value, position: f.position.value, title: f.title.value || null, avatar_url: f.avatar.value || null }
      };
      var more = JSON.parse(advanced.value || '{}');
      Object.keys(more).forEach(function (name) {
        settings[name] = more[name];
      });
      return settings;
    }

    var form = h('form.stack', {
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          var settings;
          try {
            settings = body();
          } catch (e) {
            P.showError(form, { field: 'advanced', message: 'Advanced settings must be a JSON object.' }, message);
            return;
          }
          save.disabled = true;
          P.showError(form, null);
          P.clear(message);
          P.api.patch('/v1/bots/' + bot.id, settings).then(function () {
            P.toast('Settings saved');
            return P.loadBots().then(P.route);
          }, function (error) {
            // A field the form does not show came from the Advanced JSON: point there.
            var advancedField = error.field && known.indexOf(error.field.split('.')[0]) < 0;
            P.showError(form, advancedField ? { field: 'advanced', message: error.message } : error, message);
          }).then(function () {
            save.disabled = false;
          });
        }
      }
    },
    h('div.card',
      h('div.settings-section',
        h('h2', 'General'),
        h('p.muted', 'Who may talk to the bot, and from where.'),
        h('div.stack',
          P.field('Name', f.name),
          P.field('Privacy', f.privacy),
          f.active,
          P.field('Allowed domains', f.domains, 'One per line. The widget and the public API answer only on these sites; leave empty to allow any site.'),
          h('div.grid.two',
            P.field('Rate limit: messages', f.max, 'Per visitor session and per IP address.'),
            P.field('Rate limit: window (seconds)', f.window, 'Leave both empty for the server default.')))),
      h('div.settings-section',
        h('h2', 'Behaviour'),
        h('p.muted', 'What the bot says and how it answers.'),
        h('div.stack',
          P.field('System prompt', f.system, 'Instructions given to the model before every conversation.'),
          P.field('Welcome message', f.welcome, 'The first message a visitor sees. Markdown is allowed.'),
          P.field('Suggested questions', f.suggested, 'One per line, up to six. Offered before the first message.'),
          f.citations)),
      h('div.settings-section',
        h('h2', 'Filters'),
        h('p.muted', 'Checked on every answer before it reaches the visitor.'),
        h('div.stack', f.pii, f.piiAllow.node, P.field('Blocked terms', f.blocked, 'One per line. An answer containing one is withheld.'))),
      h('div.settings-section',
        h('h2', 'Widget appearance'),
        h('p.muted', 'How the chat bubble looks on your site.'),
        h('div.grid.two',
          P.field('Colour', f.color),
          P.field('Position', f.position),
          P.field('Title', f.title, 'Defaults to the bot name.'),
          P.field('Avatar image', f.avatar, 'An http(s) address of a square image.'))),
      h('div.settings-section',
        h('h2', 'Model and advanced'),
        h('p.muted', 'Model, provider and any other setting of this server, as JSON. They are sent with the form.'),
        P.field('Advanced settings', advanced, keyHint(storedKeys)))),
    message,
    h('div.sticky-actions',
      h('button.button.danger', {
        type: 'button',
        on: {
          click: function () {
            P.confirmDialog('Delete ' + bot.name + '?', 'Its knowledge and conversations go with it. This cannot be undone.', 'Delete bot').then(function (ok) {
              if (!ok) {
                return;
              }
              P.api.del('/v1/bots/' + bot.id).then(function () {
                P.toast('Bot deleted');
                return P.loadBots().then(function () {
                  location.hash = '#/';
                });
              }, function (error) {
                P.toast(error.message);
              });
            });
          }
        }
      }, 'Delete bot'),
      save));
    panel.appendChild(form);
    return null;
  };
})();

/*
 * A bot's page (its header and tabs) and the new-bot form. The Settings tab is settings.js, Insights insights.js.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  var tabs = [
    ['chat', 'Chat'],
    ['knowledge', 'Knowledge'],
    ['insights', 'Insights'],
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
    h('p.muted', 'Give it a name now; knowledge, behaviour and appearance come next. A new bot is public and answers on any website, ' +
      'at most 20 messages a minute per visitor; its Settings change that.'),
    P.field('Name', name),
    P.field('Welcome message', welcome, 'Shown when a visitor opens the chat. Optional.'),
    message,
    h('div.row.end', h('button.button.primary', { type: 'submit' }, 'Create bot')));
    main.appendChild(h('div.page-head', h('h1', 'New bot')));
    main.appendChild(form);
    name.focus();
    return null;
  };
})();

/*
 * The Playground's shell: sign-in, the sidebar (workspace, bots, screens) and the hash routes
 *   #/bots/{id}/{chat|knowledge|settings|embed}, #/new-bot, #/conversations, #/workspaces.
 * Each screen is drawn by its own file (bots.js, knowledge.js, chat.js, conversations.js, embed.js, workspaces.js).
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var app = document.getElementById('app');
  var workspaceKey = 'parley.playground.workspace';

  // me: what the key is ({role: 'admin' | 'workspace', workspace_id}), read at sign-in from GET /v1/me.
  var state = (P.state = { workspaces: [], bots: [], workspaceId: null, me: null });
  var cleanup = null;

  P.signOut = function (message) {
    state.me = null;
    sessionStorage.removeItem(P.keyName);
    sessionStorage.removeItem(workspaceKey);
    // Not location.hash = '': its hashchange would draw the sign-in again, without the message.
    history.replaceState(null, '', location.pathname + location.search);
    signIn(message);
  };

  function signIn(message) {
    if (cleanup) {
      cleanup();
      cleanup = null;
    }
    document.title = 'Sign in · Parley Playground';
    var input = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false', placeholder: 'parley_…' });
    var messageArea = h('div', { 'aria-live': 'polite' }, message ? h('div.callout.error', { role: 'alert', text: message }) : null);
    var button = h('button.button.primary', { type: 'submit' }, 'Sign in');
    var form = h('form.signin-card', {
      'aria-labelledby': 'signin-title',
      on: {
        submit: function (event) {
          event.preventDefault();
          var value = input.value.trim();
          if (!value) {
            return;
          }
          button.disabled = true;
          sessionStorage.setItem(P.keyName, value);
          P.api.raw('GET', '/v1/me', undefined, { signingIn: true }).then(function (me) {
            state.me = me;
            start();
          }, function (error) {
            sessionStorage.removeItem(P.keyName);
            button.disabled = false;
            P.clear(messageArea).appendChild(h('div.callout.error', {
              role: 'alert',
              text: error.status === 401 ? 'That key was not accepted. Use the admin key printed when Parley first started, or a workspace key.' : error.message
            }));
            input.focus();
          });
        }
      }
    },
    h('div.brand', h('span.brand-mark', { 'aria-hidden': 'true' }, 'P'), 'Parley'),
    h('h1#signin-title', 'Sign in to the Playground'),
    h('p.muted', 'Manage your bots, feed them knowledge, try them, and embed them on your site.'),
    P.field('API key', input, 'The admin key, or a workspace key. It is kept in this browser tab only.'),
    messageArea,
    button);
    P.clear(app).appendChild(h('main.signin#main', form));
    app.className = '';
    input.focus();
  }

  /**
   * Whether the key signed in is the admin key. A workspace key cannot create workspaces, add credits or set a
   * trial, so the screens leave those controls out for it rather than let it meet a 403.
   */
  P.isAdmin = function () {
    return !!state.me && state.me.role === 'admin';
  };

  P.loadMe = function () {
    return P.api.get('/v1/me').then(function (me) {
      state.me = me;
    });
  };

  P.loadWorkspaces = function () {
    return P.api.get('/v1/workspaces').then(function (list) {
      state.workspaces = list || [];
      var saved = sessionStorage.getItem(workspaceKey);
      var known = state.workspaces.some(function (w) { return w.id === saved; });
      state.workspaceId = known ? saved : (state.workspaces[0] && state.workspaces[0].id) || null;
    });
  };

  /** Reads one workspace again (its credits change with every answer) and keeps the copy in state up to date. */
  P.loadWorkspace = function (id) {
    return P.api.get('/v1/workspaces/' + encodeURIComponent(id)).then(function (workspace) {
      state.workspaces = state.workspaces.map(function (w) { return w.id === workspace.id ? workspace : w; });
      return workspace;
    });
  };

  /**
   * A saved workspace updates the copy in state and its name in the sidebar, without drawing the screen again:
   * that would throw away what the owner is typing elsewhere on it, such as a new key's name.
   */
  P.workspaceSaved = function (workspace) {
    state.workspaces = state.workspaces.map(function (w) { return w.id === workspace.id ? workspace : w; });
    var option = document.querySelector('select[aria-label="Workspace"] option[value="' + CSS.escape(workspace.id) + '"]');
    if (option) {
      option.textContent = workspace.name;
    }
  };

  P.loadBots = function () {
    if (!state.workspaceId) {
      state.bots = [];
      return Promise.resolve();
    }
    return P.api.get('/v1/bots?workspace_id=' + encodeURIComponent(state.workspaceId)).then(function (list) {
      state.bots = (list || []).sort(function (a, b) { return a.name.localeCompare(b.name); });
    });
  };

  P.refresh = function () {
    return P.loadWorkspaces().then(P.loadBots).then(route);
  };

  P.selectWorkspace = function (id) {
    state.workspaceId = id;
    sessionStorage.setItem(workspaceKey, id);
    return P.loadBots();
  };

  function start() {
    (state.me ? Promise.resolve() : P.loadMe()).then(P.refresh).catch(function (error) {
      if (error && error.status !== 401) {
        signIn(error.message);
      }
    });
  }

  function sidebar(current) {
    var select = h('select', {
      'aria-label': 'Workspace',
      on: {
        change: function () {
          P.selectWorkspace(select.value).then(function () {
            location.hash = '#/';
            route();
          });
        }
      }
    }, state.workspaces.map(function (w) {
      return h('option', { value: w.id, selected: w.id === state.workspaceId, text: w.name });
    }));

    var bots = h('ul.nav', { 'aria-label': 'Bots' }, state.bots.map(function (bot) {
      var href = '#/bots/' + bot.id + '/chat';
      return h('li', h('a', {
        href: href,
        'aria-current': current.botId === bot.id ? 'page' : null
      }, h('span.dot' + (bot.active ? '' : '.off'), { 'aria-hidden': 'true' }), h('span.name', { text: bot.name })));
    }));

    return h('nav.sidebar', { 'aria-label': 'Playground' },
      h('div.brand', h('span.brand-mark', { 'aria-hidden': 'true' }, 'P'), 'Parley'),
      h('div.section-label', 'Workspace'),
      state.workspaces.length ? select : h('p.small.muted', 'No workspace yet.'),
      h('div.section-label', 'Bots'),
      bots,
      h('a.button.ghost', { href: '#/new-bot', 'aria-current': current.screen === 'new-bot' ? 'page' : null }, '+ New bot'),
      h('div.section-label', 'Manage'),
      h('ul.nav',
        h('li', h('a', { href: '#/conversations', 'aria-current': current.screen === 'conversations' ? 'page' : null }, 'Conversations')),
        h('li', h('a', { href: '#/workspaces', 'aria-current': current.screen === 'workspaces' ? 'page' : null }, 'Workspaces & keys'))),
      h('div.sidebar-footer',
        h('div.key-badge', {
          'data-role': state.me && state.me.role,
          title: P.isAdmin() ? 'The admin key can do everything on this server.' : 'A workspace key manages its workspace\u2019s bots and keys; credits, trials and new workspaces need the admin key.',
          text: (P.isAdmin() ? 'Admin key' : 'Workspace key') + ' · ' + (P.key() || '').slice(0, 10) + '…'
        }),
        h('button.button.ghost', { type: 'button', on: { click: function () { P.signOut(); } } }, 'Sign out')));
  }

  function parse() {
    var parts = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean);
    if (parts[0] === 'bots' && parts[1]) {
      return { screen: 'bot', botId: decodeURIComponent(parts[1]), tab: parts[2] || 'chat' };
    }
    if (parts[0] === 'new-bot' || parts[0] === 'conversations' || parts[0] === 'workspaces') {
      return { screen: parts[0] };
    }
    return { screen: 'home' };
  }

  P.query = function (name) {
    var query = location.hash.split('?')[1] || '';
    return new URLSearchParams(query).get(name);
  };

  function route() {
    if (!P.key()) {
      signIn();
      return;
    }
    if (cleanup) {
      cleanup();
      cleanup = null;
    }
    var current = parse();
    if (current.screen === 'home') {
      if (state.bots.length) {
        location.replace('#/bots/' + state.bots[0].id + '/chat');
        return;
      }
      current.screen = state.workspaces.length ? 'new-bot' : 'workspaces';
    }

    var main = h('main.main#main', { tabindex: '-1' });
    var toggle = h('button.button.menu-toggle', {
      type: 'button',
      'aria-label': 'Menu',
      'aria-expanded': 'false',
      on: {
        click: function () {
          var open = shell.classList.toggle('menu-open');
          toggle.setAttribute('aria-expanded', String(open));
          if (open) {
            shell.querySelector('.sidebar a, .sidebar select').focus();
          }
        }
      }
    }, '☰ Menu');
    var shell = h('div.shell', sidebar(current), h('div', h('div.main-top', toggle), main));
    // On a phone the menu covers the page: Escape or a tap beside it closes it.
    shell.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && shell.classList.contains('menu-open')) {
        shell.classList.remove('menu-open');
        toggle.setAttribute('aria-expanded', 'false');
        toggle.focus();
      }
    });
    main.addEventListener('click', function () {
      shell.classList.remove('menu-open');
      toggle.setAttribute('aria-expanded', 'false');
    });
    P.clear(app).appendChild(shell);
    app.className = '';

    var screens = P.screens || {};
    if (current.screen === 'bot') {
      var bot = state.bots.filter(function (b) { return b.id === current.botId; })[0];
      if (!bot) {
        // A bot of another workspace (or a stale link): look it up before giving up.
        P.api.get('/v1/bots/' + encodeURIComponent(current.botId)).then(function (found) {
          if (found.workspace_id !== state.workspaceId && state.workspaces.some(function (w) { return w.id === found.workspace_id; })) {
            P.selectWorkspace(found.workspace_id).then(route);
          } else {
            main.appendChild(h('div.card.empty', h('h2', 'Bot not found')));
          }
        }, function () {
          main.appendChild(h('div.card.empty', h('h2', 'Bot not found'), h('p', 'It may have been deleted.')));
        });
        return;
      }
      cleanup = screens.bot(main, bot, current.tab);
    } else {
      cleanup = screens[current.screen](main);
    }
  }

  P.route = route;
  window.addEventListener('hashchange', route);

  document.addEventListener('DOMContentLoaded', function () {
    if (P.key()) {
      start();
    } else {
      signIn();
    }
  });
})();

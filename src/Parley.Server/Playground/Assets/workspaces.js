/*
 * Workspaces and their API keys. Creating workspaces and setting credits or a trial is the admin key's
 * job; a workspace key may rename its own workspace and list, create and revoke its keys, and sees its credits and
 * trial without the controls it cannot use.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  function toLocalInput(value) {
    if (!value) {
      return '';
    }
    var d = new Date(value);
    var pad = function (n) { return String(n).padStart(2, '0'); };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  /** A workspace key's view of what only the admin key may change. */
  function balance(workspace) {
    var credits = Number(workspace.credits).toLocaleString(undefined, { maximumFractionDigits: 3 });
    var trial = workspace.trial_ends_at ? 'the trial ends ' + P.formatDate(workspace.trial_ends_at) : 'no trial limit';
    return h('p.small.muted.admin-only-note', { 'data-credits': String(workspace.credits) },
      h('strong', { text: credits + ' credits left' }), ', ' + trial + '. Adding credits and changing the trial need the server\u2019s admin key.');
  }

  /** Whether the Playground is signed in with this key: its prefix is how the key starts. */
  function signedInWith(key) {
    return (P.key() || '').indexOf(key.prefix) === 0;
  }

  /**
   * The workspace's API keys: listed by name and prefix with when they were made and last used (the server
   * never returns a key again), created with a name and shown once, revoked after a confirmation.
   */
  function keys(workspace) {
    var path = '/v1/workspaces/' + encodeURIComponent(workspace.id) + '/api_keys';
    var list = h('div.key-list', h('p.muted.small', 'Loading keys…'));
    var reveal = h('div');
    var message = h('div');
    var name = h('input', { type: 'text', name: 'name', maxlength: '200', required: true, autocomplete: 'off', placeholder: 'Shop backend' });

    function load() {
      return P.api.get(path).then(draw, function (error) {
        P.clear(list).appendChild(h('div.callout.error', { role: 'alert', text: 'The keys could not be read: ' + error.message }));
      });
    }

    function revoke(key, label) {
      var current = signedInWith(key);
      P.confirmDialog('Revoke ' + label + '?',
        'Anything that uses this key is refused from its next request on. This cannot be undone.' +
          (current ? ' You are signed in with this key, so the Playground signs you out.' : ''),
        'Revoke key').then(function (ok) {
        if (!ok) {
          return;
        }
        P.api.del(path + '/' + encodeURIComponent(key.id)).then(function () {
          if (current) {
            P.signOut('You revoked the key you were signed in with. Sign in with another key.');
            return;
          }
          P.toast('Key revoked');
          load();
        }, function (error) {
          P.showError(create, error, message);
        });
      });
    }

    function draw(all) {
      P.clear(list);
      if (!all || !all.length) {
        list.appendChild(h('p.muted.small', 'No API keys yet. Create one for each system that calls the Admin API or the authenticated chat endpoint, so you can revoke one without stopping the others.'));
        return;
      }
      list.appendChild(h('table.table.keys-table',
        h('thead', h('tr',
          h('th', { scope: 'col' }, 'Name'),
          h('th.hide-narrow', { scope: 'col' }, 'Key'),
          h('th.hide-narrow', { scope: 'col' }, 'Created'),
          h('th.hide-narrow', { scope: 'col' }, 'Last used'),
          h('th', { scope: 'col' }, h('span.sr-only', 'Actions')))),
        h('tbody', all.map(function (key) {
          var label = key.name ? 'the key “' + key.name + '”' : 'the key ' + key.prefix + '…';
          var used = key.last_used_at ? P.formatDate(key.last_used_at) : 'Never';
          return h('tr', { 'data-key-id': key.id },
            h('td.key-name',
              key.name ? h('span', { text: key.name }) : h('span.muted', 'Unnamed'),
              signedInWith(key) ? h('span.pill.info', 'You are signed in with it') : null,
              // On a phone the other columns fold into this line.
              h('span.key-meta', h('code', { text: key.prefix + '…' }), ' · Created ' + P.formatDate(key.created_at) + ' · Last used ' + (key.last_used_at ? P.formatDate(key.last_used_at) : 'never'))),
            h('td.hide-narrow', h('code.nowrap', { text: key.prefix + '…' })),
            h('td.hide-narrow.nowrap', { text: P.formatDate(key.created_at) }),
            h('td.hide-narrow.nowrap', { text: used }),
            h('td.actions', h('button.button.small.danger', {
              type: 'button',
              'aria-label': 'Revoke ' + label,
              on: { click: function () { revoke(key, label); } }
            }, 'Revoke')));
        }))));
    }

    var create = h('form.stack', {
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          P.clear(message);
          if (!name.value.trim()) {
            P.showError(create, { field: 'name', message: 'Name the key after what will use it, such as "Shop backend".' }, message);
            return;
          }
          P.api.post(path, { name: name.value.trim() }).then(function (created) {
            P.showError(create, null);
            name.value = '';
            P.clear(reveal).appendChild(h('div.callout.info.stack', { role: 'status' },
              h('strong', { text: 'New key “' + created.name + '”. Copy it now: it is shown only once.' }),
              h('div.row', h('code.secret', { 'data-copy': 'api-key', text: created.key }), P.copyButton('API key', created.key))));
            load();
          }, function (error) {
            P.showError(create, error, message);
          });
        }
      }
    },
    h('div.inline-form', P.field('New key’s name', name), h('button.button', { type: 'submit' }, 'Create API key')),
    message);

    load();
    return h('section.keys', { 'aria-label': 'API keys of ' + workspace.name },
      h('h3', 'API keys'),
      h('p.muted.small', 'Each key can manage this workspace’s bots and chat with them on the authenticated endpoint. Revoke a key that leaked: it stops working at once.'),
      list,
      reveal,
      create);
  }

  function editor(workspace, onSaved) {
    var name = h('input', { type: 'text', name: 'name', value: workspace.name, required: true });
    var credits = h('input', { type: 'number', name: 'credits', min: '0', step: 'any', value: workspace.credits });
    var trial = h('input', { type: 'datetime-local', name: 'trial_ends_at', value: toLocalInput(workspace.trial_ends_at) });
    var message = h('div');
    var form = h('form.stack', {
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          var body = { name: name.value };
          if (String(credits.value) !== String(workspace.credits)) {
            body.credits = Number(credits.value);
          }
          if (trial.value !== toLocalInput(workspace.trial_ends_at)) {
            body.trial_ends_at = trial.value ? new Date(trial.value).toISOString() : null;
          }
          P.api.patch('/v1/workspaces/' + workspace.id, body).then(function (saved) {
            workspace = saved;
            P.toast('Workspace saved');
            onSaved(saved);
          }, function (error) {
            P.showError(form, error, message);
          });
        }
      }
    },
    P.isAdmin()
      ? h('div.grid.three',
        P.field('Name', name),
        P.field('Credits', credits, 'Admin key only.'),
        P.field('Trial ends', trial, 'Admin key only. Empty: no trial.'))
      : h('div.stack', P.field('Name', name), balance(workspace)),
    message,
    h('div.row.end', h('button.button.primary', { type: 'submit' }, 'Save')));
    return h('div.card.stack',
      h('div.card-head', h('h2', { text: workspace.name }), h('span.small.muted.mono', { text: workspace.id })),
      form,
      keys(workspace));
  }

  screens.workspaces = function (main) {
    document.title = 'Workspaces · Parley Playground';
    var name = h('input', { type: 'text', name: 'name', required: true, placeholder: 'Acme Inc.' });
    var message = h('div');
    var create = h('form.card.stack', {
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          P.api.post('/v1/workspaces', { name: name.value }).then(function (workspace) {
            P.toast('Workspace created');
            return P.selectWorkspace(workspace.id).then(P.refresh);
          }, function (error) {
            P.showError(create, error.status === 403 ? { message: 'Only the admin key can create workspaces.' } : error, message);
          });
        }
      }
    },
    h('h2', 'New workspace'),
    h('p.muted', 'A workspace holds bots, their credits and its own API keys. Creating one needs the admin key.'),
    h('div.inline-form', P.field('Name', name), h('button.button.primary', { type: 'submit' }, 'Create workspace')),
    message);

    var loading = h('p.muted', 'Loading…');
    main.appendChild(h('div.page-head', h('h1', 'Workspaces & keys')));
    // A workspace key cannot create workspaces: it is told so instead of meeting a refusal.
    var admin = P.isAdmin();
    if (!admin) {
      main.appendChild(h('p.muted.key-scope', 'Signed in with a workspace key: it manages this workspace\u2019s bots and keys. Creating workspaces needs the server\u2019s admin key.'));
    }
    main.appendChild(loading);
    if (admin) {
      main.appendChild(create);
    }
    // Credits change with every answer, here or on a site: read them now, not as they were at sign-in.
    P.loadWorkspaces().then(function () {
      loading.remove();
    }, function (error) {
      loading.replaceWith(h('div.callout.error', { role: 'alert', text: 'Showing the workspaces as they were at sign-in: ' + error.message }));
    }).then(function () {
      P.state.workspaces.forEach(function (workspace) {
        main.insertBefore(editor(workspace, P.workspaceSaved), admin ? create : null);
      });
    });
    return null;
  };
})();

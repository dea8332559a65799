/*
 * Workspaces and their API keys. Creating workspaces and setting credits or a trial is the admin key's
 * job; a workspace key may rename its own workspace and mint keys for it, and sees its credits and trial
 * without the controls it cannot use.
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

  function editor(workspace, onSaved) {
    var name = h('input', { type: 'text', name: 'name', value: workspace.name, required: true });
    var credits = h('input', { type: 'number', name: 'credits', min: '0', step: 'any', value: workspace.credits });
    var trial = h('input', { type: 'datetime-local', name: 'trial_ends_at', value: toLocalInput(workspace.trial_ends_at) });
    var message = h('div');
    var keyArea = h('div');
    var form = h('form.card.stack', {
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
          P.api.patch('/v1/workspaces/' + workspace.id, body).then(function () {
            P.toast('Workspace saved');
            onSaved();
          }, function (error) {
            P.showError(form, error, message);
          });
        }
      }
    },
    h('div.card-head', h('h2', { text: workspace.name }), h('span.small.muted.mono', { text: workspace.id })),
    P.isAdmin()
      ? h('div.grid.three',
        P.field('Name', name),
        P.field('Credits', credits, 'Admin key only.'),
        P.field('Trial ends', trial, 'Admin key only. Empty: no trial.'))
      : h('div.stack', P.field('Name', name), balance(workspace)),
    message,
    keyArea,
    h('div.row.end',
      h('button.button', {
        type: 'button',
        on: {
          click: function () {
            P.api.post('/v1/workspaces/' + workspace.id + '/api_keys').then(function (created) {
              P.clear(keyArea).appendChild(h('div.callout.info.stack',
                h('strong', 'New workspace key. Copy it now: it is shown only once.'),
                h('div.row', h('code', { 'data-copy': 'api-key', text: created.key }), P.copyButton('API key', created.key))));
            }, function (error) {
              P.showError(form, error, message);
            });
          }
        }
      }, 'Create API key'),
      h('button.button.primary', { type: 'submit' }, 'Save')));
    return form;
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
        main.insertBefore(editor(workspace, P.refresh), admin ? create : null);
      });
    });
    return null;
  };
})();

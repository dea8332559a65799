/*
 * The Model section of the settings form: what the bot answers with (the server's model, the offline generator,
 * an OpenAI-compatible server or Anthropic), its address, name, limits and write-only key, and a Test connection
 * button that tries what the form shows, before it is saved.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;

  var providers = {
    openai: {
      label: 'OpenAI or an OpenAI-compatible server (Azure, OpenRouter, Ollama, vLLM, LM Studio…)',
      name: 'OpenAI-compatible',
      model: 'gpt-4o-mini',
      baseUrl: 'https://api.openai.com/v1',
      baseHint: 'Leave empty for OpenAI itself. For another server, its API address, usually ending in /v1, such as http://localhost:11434/v1 for Ollama.',
      context: '8192'
    },
    anthropic: {
      label: 'Anthropic (Claude)',
      name: 'Anthropic',
      model: 'claude-sonnet-4-5',
      baseUrl: 'https://api.anthropic.com',
      baseHint: 'Leave empty for Anthropic itself.',
      context: '200000'
    }
  };

  function describe(generator) {
    if (!generator || generator.provider === 'extractive') {
      return 'the offline generator';
    }
    var provider = providers[generator.provider];
    return (provider ? provider.name : generator.provider) + (generator.model ? ', ' + generator.model : '');
  }

  function contextHint(provider) {
    return 'What the model reads; ' + Number(provider.context).toLocaleString('en') + ' when empty.';
  }

  function numberInput(name, attrs) {
    attrs.type = 'number';
    attrs.name = name;
    return h('input', attrs);
  }

  /**
   * The section for <bot>; returns its node, the "model" setting the form shows (body), the problems found in it,
   * whether it leaves the bot on the offline generator, and the controls the API may name in a refusal.
   */
  P.modelForm = function (bot, onChange) {
    var saved = bot.model || null;
    var generator = bot.generator || { provider: 'extractive', model: null };
    var c = {
      provider: h('select', { name: 'provider' },
        h('option', { value: '', selected: !saved }, saved ? 'The server\'s model' : 'The server\'s model (now ' + describe(generator) + ')'),
        h('option', { value: 'extractive', selected: !!saved && saved.provider === 'extractive' }, 'The offline generator: quotes your sources, needs no model'),
        Object.keys(providers).map(function (key) {
          return h('option', { value: key, selected: !!saved && saved.provider === key }, providers[key].label);
        })),
      base_url: P.offerHttps(h('input', { type: 'url', name: 'base_url', value: (saved && saved.base_url) || '', spellcheck: 'false' })),
      model: h('input', { type: 'text', name: 'model', maxlength: '200', value: (saved && saved.model) || '', spellcheck: 'false' }),
      api_key: h('input', { type: 'password', name: 'api_key', autocomplete: 'new-password', spellcheck: 'false', maxlength: '4000' }),
      max_tokens: numberInput('max_tokens', { min: '1', max: '200000', placeholder: '1024', value: saved && saved.max_tokens != null ? saved.max_tokens : '' }),
      context_tokens: numberInput('context_tokens', { min: '512', max: '2000000', value: saved && saved.context_tokens != null ? saved.context_tokens : '' }),
      temperature: numberInput('temperature', { min: '0', max: '2', step: '0.1', placeholder: 'The model\'s own', value: saved && saved.temperature != null ? saved.temperature : '' })
    };

    // The key is write-only: 'stored' (kept on save), 'replace' (the typed key is sent), 'remove' (null is sent) or 'none'.
    var keyState = saved && saved.api_key_set ? 'stored' : 'none';
    var keyStatus = h('p.key-state', { role: 'status' });
    var keyButtons = h('div.row');
    var keyWarning = h('div.callout.notice', { role: 'note', hidden: true },
      'A stored key is kept only for the same provider and address. Enter the key again, or saving forgets it.');
    var keyField = P.field('API key', c.api_key, 'Stored encrypted and never shown again, here or by the API.');

    function changedEndpoint() {
      return !!saved && (c.provider.value !== saved.provider || c.base_url.value.trim() !== (saved.base_url || ''));
    }

    function drawKey() {
      P.clear(keyStatus);
      P.clear(keyButtons);
      var stored = saved && saved.api_key_set;
      var typing = keyState === 'replace' || keyState === 'none' || (keyState === 'stored' && changedEndpoint());
      keyField.hidden = !typing;
      if (stored) {
        keyStatus.appendChild(h('strong', 'API key: '));
        keyStatus.appendChild(h('span', keyState === 'remove'
          ? 'The stored key is removed when you save.'
          : keyState === 'replace' ? 'The key you enter replaces the stored one when you save.' : 'A key is stored. It is never shown.'));
        keyButtons.appendChild(keyState === 'stored'
          ? h('button.button.small', { type: 'button', on: { click: function () { setKey('replace'); c.api_key.focus(); } } }, 'Replace key')
          : h('button.button.small', { type: 'button', on: { click: function () { setKey('stored'); } } }, 'Keep the stored key'));
        if (keyState === 'stored') {
          keyButtons.appendChild(h('button.button.small.danger', { type: 'button', on: { click: function () { setKey('remove'); } } }, 'Remove key'));
        }
      }
      keyStatus.hidden = !stored;
      keyWarning.hidden = !(stored && keyState === 'stored' && changedEndpoint());
    }

    function setKey(state) {
      keyState = state;
      if (state !== 'replace') {
        c.api_key.value = '';
      }
      drawKey();
      changed();
    }

    var initial = providers[c.provider.value] || providers.openai;
    var fieldsBox = h('div.stack',
      h('div.grid.two',
        P.field('Base URL', c.base_url, initial.baseHint),
        P.field('Model name', c.model)),
      h('div.key-box', keyStatus, keyButtons, keyWarning, keyField),
      h('div.grid.three',
        P.field('Longest answer (tokens)', c.max_tokens, 'Where the model stops; 1,024 when empty.'),
        P.field('Context size (tokens)', c.context_tokens, contextHint(initial)),
        P.field('Temperature', c.temperature, 'From 0 (literal) to 2.')));
    var offlineNote = h('p.muted.small', 'The offline generator writes each answer from the passages of your sources that match the question. It needs no model and no key.');
    var result = h('div.test-result', { 'aria-live': 'polite' });
    var test = h('button.button', { type: 'button', on: { click: runTest } }, 'Test connection');
    var testRow = h('div.row', test, result);

    function hintOf(control) {
      return control.closest('.field').querySelector('.hint');
    }

    function draw() {
      var provider = providers[c.provider.value];
      fieldsBox.hidden = !provider;
      offlineNote.hidden = c.provider.value !== 'extractive' && !(c.provider.value === '' && !saved && generator.provider === 'extractive');
      testRow.hidden = !offlineNote.hidden;
      if (provider) {
        c.base_url.placeholder = provider.baseUrl;
        c.model.placeholder = provider.model;
        hintOf(c.base_url).textContent = provider.baseHint;
        c.context_tokens.placeholder = provider.context;
        hintOf(c.context_tokens).textContent = contextHint(provider);
        c.temperature.closest('.field').hidden = c.provider.value !== 'openai';
      }
      drawKey();
    }

    function changed() {
      P.clear(result);
      if (onChange) {
        onChange();
      }
    }

    [c.provider, c.base_url, c.model, c.api_key, c.max_tokens, c.context_tokens, c.temperature].forEach(function (control) {
      control.addEventListener(control === c.provider ? 'change' : 'input', function () {
        draw();
        changed();
      });
    });

    /** The "model" setting as the form shows it, for a PATCH or a test; null for the server's model. */
    function body() {
      var provider = c.provider.value;
      if (!provider) {
        return null;
      }
      if (provider === 'extractive') {
        return { provider: provider, base_url: null, model: null, max_tokens: null, context_tokens: null, temperature: null };
      }
      var model = {
        provider: provider,
        base_url: c.base_url.value.trim() || null,
        model: c.model.value.trim() || null,
        max_tokens: c.max_tokens.value.trim() ? Number(c.max_tokens.value) : null,
        context_tokens: c.context_tokens.value.trim() ? Number(c.context_tokens.value) : null
      };
      if (provider === 'openai') {
        model.temperature = c.temperature.value.trim() ? Number(c.temperature.value) : null;
      }
      if (keyState === 'remove') {
        model.api_key = null;
      } else if (c.api_key.value) {
        model.api_key = c.api_key.value;
      }
      return model;
    }

    function problems() {
      var found = [];
      var provider = providers[c.provider.value];
      if (!provider) {
        return found;
      }
      var add = function (control, field) {
        found.push({ control: control, message: P.checks.ownerWords(field) });
      };
      if (c.base_url.value.trim() && !P.checks.webAddress(c.base_url.value)) {
        add(c.base_url, 'model.base_url');
      }
      if (!c.model.value.trim()) {
        found.push({ control: c.model, message: 'Enter the name of the model, such as ' + provider.model + '.' });
      }
      var max = c.max_tokens.value.trim();
      if (max && !P.checks.wholeNumber(max, 1, 200000)) {
        add(c.max_tokens, 'model.max_tokens');
      }
      var context = c.context_tokens.value.trim();
      if (context && (!P.checks.wholeNumber(context, 512, 2000000) || Number(context) <= (max && P.checks.wholeNumber(max, 1, 200000) ? Number(max) : 1024))) {
        add(c.context_tokens, 'model.context_tokens');
      }
      if (c.provider.value === 'openai' && c.temperature.value.trim() && !P.checks.decimal(c.temperature.value, 0, 2)) {
        add(c.temperature, 'model.temperature');
      }
      return found;
    }

    function usesOfflineGenerator() {
      return c.provider.value === 'extractive' || (c.provider.value === '' && !saved && generator.provider === 'extractive');
    }

    function runTest() {
      var form = test.form;
      var found = problems();
      P.checks.showProblems(form, found);
      if (found.length) {
        P.clear(result).appendChild(h('span.callout.error', { role: 'alert', text: 'Fix the marked model settings first.' }));
        return;
      }
      test.disabled = true;
      P.clear(result).appendChild(h('span.stage', h('span.spinner', { 'aria-hidden': 'true' }), 'Testing the connection…'));
      P.api.post('/v1/bots/' + bot.id + '/model/test', { model: body() }).then(function (outcome) {
        P.clear(result).appendChild(h('span.callout' + (outcome.ok ? '.ok' : '.error'), {
          role: outcome.ok ? 'status' : 'alert',
          text: (outcome.ok ? 'Connected. ' : 'Not connected. ') + outcome.message
        }));
      }, function (error) {
        P.clear(result);
        var control = error.field && c[error.field.replace(/^model\./, '')];
        if (control) {
          P.checks.showProblems(form, [{ control: control, message: P.checks.ownerWords(error.field, error.message) }]);
        } else {
          result.appendChild(h('span.callout.error', { role: 'alert', text: error.message }));
        }
      }).then(function () {
        test.disabled = false;
      });
    }

    draw();
    return {
      node: h('div.stack', P.field('Answers with', c.provider), offlineNote, fieldsBox, testRow),
      body: body,
      problems: problems,
      usesOfflineGenerator: usesOfflineGenerator,
      controls: c
    };
  };
})();

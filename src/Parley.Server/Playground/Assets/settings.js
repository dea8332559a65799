/*
 * The Settings tab: every bot setting in a form that shows the real values and says what they mean. Settings the
 * form does not know (added by newer servers) stay editable as JSON under "Advanced". Values are checked before
 * saving (settings-checks.js), and a refusal by the API is shown on its field, in the owner's words.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});
  var checks = P.checks;

  // What the form shows; anything else a bot has goes to the Advanced JSON. "generator" is read-only and never sent.
  var known = ['id', 'workspace_id', 'name', 'privacy', 'active', 'allowed_domains', 'rate_limit', 'citations_enabled', 'system_prompt',
    'welcome_message', 'filters', 'model', 'generator', 'suggested_questions', 'widget', 'qa_match_threshold', 'created_at', 'updated_at'];

  // A new bot's limit (BotEndpoints.DefaultRateLimit), offered when the owner switches a limit on.
  var suggestedLimit = { max_messages: 20, window_seconds: 60 };

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
      return 'Settings this form does not show, such as the embedding model or web search, as JSON. They are sent with the form.';
    }
    return storedKeys.length === 1
      ? 'An API key is stored for ' + storedKeys[0] + '. It is never shown, and saving keeps it while the provider and address stay the same. ' +
        'To replace it, add "api_key" to ' + storedKeys[0] + '; "api_key": null removes it.'
      : 'API keys are stored for ' + storedKeys.join(' and ') + '. They are never shown, and saving keeps them while the provider and address stay the same. ' +
        'To replace one, add "api_key" to its object; "api_key": null removes it.';
  }

  function section(title, intro) {
    return h('div.settings-section', h('h2', title), h('p.muted', intro), h('div.stack', Array.prototype.slice.call(arguments, 2)));
  }

  screens.settings = function (panel, bot) {
    var widget = bot.widget || { color: '#4f46e5', position: 'right' };
    var filters = bot.filters || { redact_pii: false, blocked_terms: [], blocked_topics: [], grounding: 'off' };
    var limit = bot.rate_limit;
    var f = {
      name: h('input', { type: 'text', name: 'name', value: bot.name, maxlength: '200', required: true }),
      privacy: h('select', { name: 'privacy' },
        h('option', { value: 'public', selected: bot.privacy === 'public' }, 'Public: anyone can chat through the widget or the public API'),
        h('option', { value: 'private', selected: bot.privacy === 'private' }, 'Private: only callers with an API key')),
      active: P.checkbox('active', 'Active', 'An inactive bot answers no one.', bot.active),
      domains: h('textarea', { name: 'allowed_domains', rows: '3', value: (bot.allowed_domains || []).join('\n'), placeholder: 'example.com\n*.example.com' }),
      limited: P.checkbox('rate_limit', 'Limit how many messages a visitor can send', 'Counted per visitor session and per IP address, on the widget and the public API.', !!limit),
      max: h('input', { type: 'number', name: 'max_messages', min: '1', max: '1000000', value: limit ? limit.max_messages : '' }),
      window: h('input', { type: 'number', name: 'window_seconds', min: '1', max: '2592000', value: limit ? limit.window_seconds : '' }),
      citations: P.checkbox('citations_enabled', 'Show sources', 'Answers list the pages they relied on.', bot.citations_enabled),
      system: h('textarea', { name: 'system_prompt', rows: '5', value: bot.system_prompt || '', placeholder: 'You are the friendly assistant of Acme. Answer briefly, in the visitor\'s language.' }),
      welcome: h('textarea', { name: 'welcome_message', rows: '2', value: bot.welcome_message || '' }),
      qaThreshold: h('input', {
        type: 'number', name: 'qa_match_threshold', min: '0', max: '1', step: '0.01',
        value: bot.qa_match_threshold === null || bot.qa_match_threshold === undefined ? '' : bot.qa_match_threshold,
        placeholder: 'Measured default (0.90)'
      }),
      suggested: h('textarea', { name: 'suggested_questions', rows: '3', value: (bot.suggested_questions || []).join('\n'), placeholder: 'How do I get started?\nWhat does it cost?' }),
      pii: P.checkbox('redact_pii', 'Redact personal data', 'E-mail addresses, phone numbers and card numbers are masked in answers.', filters.redact_pii),
      blocked: h('textarea', { name: 'blocked_terms', rows: '2', value: (filters.blocked_terms || []).join('\n') }),
      topics: h('textarea', { name: 'blocked_topics', rows: '2', value: (filters.blocked_topics || []).join('\n'), placeholder: 'politics\nmedical advice' }),
      grounding: h('select', { name: 'grounding' },
        [['off', 'Off: answers are not checked against your sources'],
          ['lenient', 'Lenient: sentences your sources do not support are removed'],
          ['strict', 'Strict: an answer with any unsupported sentence is replaced by a polite refusal']].map(function (o) {
          return h('option', { value: o[0], selected: (filters.grounding || 'off') === o[0] }, o[1]);
        })),
      color: h('input', { type: 'color', name: 'color', value: widget.color || '#4f46e5' }),
      position: h('select', { name: 'position' },
        h('option', { value: 'right', selected: widget.position !== 'left' }, 'Bottom right'),
        h('option', { value: 'left', selected: widget.position === 'left' }, 'Bottom left')),
      title: h('input', { type: 'text', name: 'title', maxlength: '80', value: widget.title || '', placeholder: bot.name }),
      avatar: P.offerHttps(h('input', { type: 'url', name: 'avatar_url', value: widget.avatar_url || '', placeholder: 'https://example.com/avatar.png' }))
    };
    var model = P.modelForm(bot, function () { updateNotes(); });
    // The contact details PII redaction leaves alone, when contacts.js (branch i12-keys) is there to edit them.
    var piiAllow = P.piiAllowField ? P.piiAllowField(bot) : null;

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

    // Notes that keep the form truthful as the owner edits it.
    var anySite = h('div.callout.notice', { role: 'note' },
      h('strong', 'This bot answers on any website. '),
      'Anyone who copies its snippet can put it on their own pages and spend your credits. Add your site\'s domain to allow only it.');
    var limitFields = h('div.grid.two',
      P.field('Messages', f.max),
      P.field('In (seconds)', f.window));
    var limitSummary = h('p.hint.limit-summary', { 'aria-live': 'polite' });
    var noLimit = h('div.callout.notice', { role: 'note' },
      'No limit: one visitor, or a script, can send as many messages as it likes and spend the workspace\'s credits.');
    var offlinePrompt = h('div.callout.info', { role: 'note' },
      h('strong', 'Not used by the offline generator. '),
      'This bot answers with the offline generator, which quotes your sources and does not read the system prompt. Choose a language model under Model for the prompt to take effect.');

    function updateNotes() {
      anySite.hidden = !(f.privacy.value === 'public' && P.lines(f.domains.value).length === 0);
      var on = f.limited.querySelector('input').checked;
      limitFields.hidden = !on;
      noLimit.hidden = on;
      var max = f.max.value.trim();
      var seconds = f.window.value.trim();
      limitSummary.hidden = !on;
      limitSummary.textContent = on && checks.wholeNumber(max, 1, 1000000) && checks.wholeNumber(seconds, 1, 2592000)
        ? 'At most ' + Number(max).toLocaleString('en') + (max === '1' ? ' message' : ' messages') + ' per ' + checks.perWindow(Number(seconds)) +
          ' from each visitor, and from each IP address.'
        : '';
      offlinePrompt.hidden = !model.usesOfflineGenerator();
    }

    f.limited.querySelector('input').addEventListener('change', function (event) {
      if (event.target.checked && !f.max.value && !f.window.value) {
        f.max.value = suggestedLimit.max_messages;
        f.window.value = suggestedLimit.window_seconds;
      }
      updateNotes();
    });
    [f.privacy, f.domains, f.max, f.window].forEach(function (control) {
      control.addEventListener('input', updateNotes);
      control.addEventListener('change', updateNotes);
    });

    function problems() {
      var found = [];
      function add(control, text) {
        if (text) {
          found.push({ control: control, message: text });
        }
      }
      add(f.name, !f.name.value.trim() && 'Give the bot a name.');
      var domains = P.lines(f.domains.value);
      add(f.domains, domains.length > 200 ? 'Up to 200 allowed domains, please: this list has ' + domains.length + '.'
        : domains.map(checks.domainProblem).filter(Boolean)[0]);
      if (f.limited.querySelector('input').checked) {
        add(f.max, !checks.wholeNumber(f.max.value, 1, 1000000) && checks.ownerWords('rate_limit.max_messages'));
        add(f.window, !checks.wholeNumber(f.window.value, 1, 2592000) && checks.ownerWords('rate_limit.window_seconds'));
      }
      add(f.system, checks.textProblem(f.system.value, 20000, 'The system prompt'));
      add(f.welcome, checks.textProblem(f.welcome.value, 2000, 'The welcome message'));
      var threshold = f.qaThreshold.value.trim();
      add(f.qaThreshold, threshold && !checks.decimal(threshold, 0, 1) && checks.ownerWords('qa_match_threshold'));
      add(f.suggested, checks.listProblem(P.lines(f.suggested.value), 6, 200, 'suggested questions'));
      add(f.blocked, checks.listProblem(P.lines(f.blocked.value), 500, 200, 'blocked terms'));
      add(f.topics, checks.listProblem(P.lines(f.topics.value), 50, 200, 'blocked topics'));
      add(f.avatar, f.avatar.value.trim() && !checks.webAddress(f.avatar.value) && checks.ownerWords('widget.avatar_url'));
      return found.concat(model.problems());
    }

    function body() {
      var on = f.limited.querySelector('input').checked;
      var settings = {
        name: f.name.value.trim(),
        privacy: f.privacy.value,
        active: f.active.querySelector('input').checked,
        allowed_domains: P.lines(f.domains.value),
        rate_limit: on ? { max_messages: Number(f.max.value), window_seconds: Number(f.window.value) } : null,
        citations_enabled: f.citations.querySelector('input').checked,
        system_prompt: f.system.value || null,
        welcome_message: f.welcome.value || null,
        suggested_questions: P.lines(f.suggested.value),
        qa_match_threshold: f.qaThreshold.value.trim() ? Number(f.qaThreshold.value.trim()) : null,
        filters: {
          redact_pii: f.pii.querySelector('input').checked,
          blocked_terms: P.lines(f.blocked.value),
          blocked_topics: P.lines(f.topics.value),
          grounding: f.grounding.value
        },
        model: model.body(),
        widget: { color: f.color.value, position: f.position.value, title: f.title.value.trim() || null, avatar_url: f.avatar.value.trim() || null }
      };
      if (piiAllow) {
        settings.filters.pii_allow = piiAllow.value();
      }
      var more = JSON.parse(advanced.value || '{}');
      if (!more || typeof more !== 'object' || Array.isArray(more)) {
        throw new Error('not an object');
      }
      sentAsJson = Object.keys(more);
      sentAsJson.forEach(function (name) {
        settings[name] = more[name];
      });
      return settings;
    }

    // The control each field the API may name is shown in; a field the form does not show came from the Advanced JSON.
    var controls = {
      name: f.name, privacy: f.privacy, active: f.active.querySelector('input'), allowed_domains: f.domains,
      rate_limit: f.max, 'rate_limit.max_messages': f.max, 'rate_limit.window_seconds': f.window,
      citations_enabled: f.citations.querySelector('input'), system_prompt: f.system, welcome_message: f.welcome,
      suggested_questions: f.suggested, qa_match_threshold: f.qaThreshold, filters: f.blocked, 'filters.redact_pii': f.pii.querySelector('input'), 'filters.blocked_terms': f.blocked,
      'filters.blocked_topics': f.topics, 'filters.grounding': f.grounding, widget: f.color, 'widget.color': f.color,
      'widget.position': f.position, 'widget.title': f.title, 'widget.avatar_url': f.avatar
    };
    Object.keys(model.controls).forEach(function (name) {
      controls['model.' + name] = model.controls[name];
    });
    controls.model = model.controls.provider;

    // The top-level settings the Advanced JSON sent: a refusal of one of them is shown there, whatever the form shows.
    var sentAsJson = [];

    function showRefusal(error) {
      var top = error.field && error.field.split('.')[0];
      var control = error.field && (sentAsJson.indexOf(top) >= 0 || known.indexOf(top) < 0 ? advanced : controls[error.field]);
      if (!control) {
        P.showError(form, error, message);
        return;
      }
      var text = control === advanced ? error.message : checks.ownerWords(error.field, error.message);
      checks.showProblems(form, [{ control: control, message: text }]);
      P.clear(message).appendChild(h('div.callout.error', { role: 'alert', text: 'Not saved: ' + text }));
    }

    var form = h('form.stack', {
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          P.clear(message);
          var found = problems();
          var settings = null;
          try {
            settings = body();
          } catch (e) {
            found.push({ control: advanced, message: 'Advanced settings must be a JSON object, such as {"web_search": {"enabled": true}}.' });
          }
          checks.showProblems(form, found);
          if (found.length) {
            message.appendChild(h('div.callout.error', { role: 'alert' },
              found.length === 1 ? 'Not saved: ' + found[0].message : 'Not saved: ' + found.length + ' settings need a look; each is marked above.'));
            return;
          }
          save.disabled = true;
          P.api.patch('/v1/bots/' + bot.id, settings).then(function () {
            // Said once the screen is drawn again with what was saved: told earlier, the owner could start typing
            // into a form about to be replaced.
            return P.loadBots().then(P.route).then(function () { P.toast('Settings saved'); });
          }, showRefusal).then(function () {
            save.disabled = false;
          });
        }
      }
    },
    h('div.card',
      section('General', 'Who may talk to the bot, and from where.',
        P.field('Name', f.name),
        P.field('Privacy', f.privacy),
        f.active,
        h('div', P.field('Allowed domains', f.domains, 'One per line. The widget and the public API answer only on these sites; leave empty to allow any site.'), anySite),
        h('div.stack.limit', f.limited, limitFields, limitSummary, noLimit)),
      section('Behaviour', 'What the bot says and how it answers.',
        h('div', P.field('System prompt', f.system, 'Instructions given to a language model before every conversation: role, tone, scope.'), offlinePrompt),
        P.field('Welcome message', f.welcome, 'The first message a visitor sees. Markdown is allowed.'),
        P.field('Suggested questions', f.suggested, 'One per line, up to six. Offered before the first message.'),
        P.field('Saved answers: how close a question must be', f.qaThreshold,
          'Each Q&A pair in Knowledge is a saved answer: a visitor question at least this close to its question (0 to 1) gets your answer word ' +
          'for word, without the model, for one message\'s credit. Empty uses the measured default (0.90 with the standard model), which gave ' +
          'no look-alike question a saved answer in our tests. Lower it to answer more questions verbatim, at the risk of answering one that only ' +
          'looks similar, such as "Can I return a gift?" with the answer to "Can I return a sale item?".'),
        f.citations),
      section('Model', 'What writes the answers: a language model, or the offline generator that quotes your sources.', model.node),
      section('Filters', 'Checked on every answer before it reaches the visitor.',
        f.pii,
        piiAllow && piiAllow.node,
        P.field('Blocked terms', f.blocked, 'One word or phrase per line. An answer containing one is withheld.'),
        P.field('Blocked topics', f.topics, 'One subject per line, in a few plain words. An answer about one is withheld.'),
        P.field('Grounding', f.grounding, 'Whether answers may say only what your sources support. The offline generator quotes them, so it always passes.')),
      section('Widget appearance', 'How the chat bubble looks on your site.',
        h('div.grid.two',
          P.field('Colour', f.color),
          P.field('Position', f.position),
          P.field('Title', f.title, 'Defaults to the bot name.'),
          P.field('Avatar image', f.avatar, 'The web address of a square image, starting with https://.'))),
      section('Advanced', 'Any other setting of this server, as JSON.', P.field('Advanced settings', advanced, keyHint(storedKeys)))),
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
    updateNotes();
    panel.appendChild(form);
    return null;
  };
})();

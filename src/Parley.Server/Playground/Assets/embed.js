/*
 * The Embed tab: what a developer copies to put the bot on a site or call it from code.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;
  var screens = (P.screens = P.screens || {});

  function block(title, name, text, hint) {
    return h('div.copy-block',
      h('h3', title),
      hint ? h('p.muted.small', hint) : null,
      h('div.row', h('pre', { 'data-copy': name }, h('code', { text: text })), P.copyButton(title, text)));
  }

  /**
   * The Origin a browser on the bot's first allowed domain would send (the server checks only the host and port),
   * for a wildcard a subdomain of it, since *.example.com does not admit example.com itself.
   */
  function siteOrigin(domain) {
    return 'https://' + (domain.indexOf('*.') === 0 ? 'www.' + domain.slice(2) : domain);
  }

  screens.embed = function (panel, bot) {
    var origin = location.origin;
    var domains = bot.allowed_domains || [];
    var snippet = '<script src="' + origin + '/widget.js" data-bot-id="' + bot.id + '" async></script>';
    // curl sends no Origin of its own, and a bot with allowed domains refuses a request without one.
    var curl = 'curl -N -X POST ' + origin + '/v1/public/chat/stream \\\n' +
      '  -H "Content-Type: application/json" \\\n' +
      (domains.length ? '  -H "Origin: ' + siteOrigin(domains[0]) + '" \\\n' : '') +
      '  -d \'{"bot_id": "' + bot.id + '", "message": "Hello!", "session_id": "my-session-1"}\'';

    var warnings = [];
    if (bot.privacy !== 'public') {
      warnings.push('This bot is private: the widget and the public API refuse visitors until you make it public in Settings.');
    }
    if (!bot.active) {
      warnings.push('This bot is inactive: it answers no one until you activate it in Settings.');
    }
    if (bot.privacy === 'public' && !domains.length) {
      warnings.push('This bot answers on any website: anyone who copies the snippet can put it on their pages and spend your credits. ' +
        'Add your site under Allowed domains in Settings.');
    }

    panel.appendChild(h('div.card.stack',
      warnings.map(function (w) { return h('div.callout.notice', { role: 'note', text: w }); }),
      block('Bot ID', 'bot-id', bot.id),
      block('Widget snippet', 'snippet', snippet, 'Paste it before </body> on every page that should show the chat bubble.'),
      h('p.small.muted', domains.length
        ? 'The widget answers only on: ' + domains.join(', ') + '.'
        : 'Any site may embed this bot. Restrict it with allowed domains in Settings.'),
      block('Public Chat API', 'curl', curl, 'Answers stream as Server-Sent Events: status, content, replace, notice, done and error.' +
        (domains.length ? ' The Origin header stands in for a page of ' + domains[0] + ': this bot answers only on its allowed domains.' : ''))));
    return null;
  };
})();

/*
 * The Embed tab: what a developer copies to put the bot on a site or call it from code, and the sites the bot
 * refused, to allow one that was forgotten.
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

  /**
   * The sites the bot refused because its allowed domains leave them out, each with a button that allows it:
   * a forgotten www. or staging site of the owner's shows up here instead of as a dead widget.
   */
  function refusedSites(bot) {
    var path = '/v1/bots/' + encodeURIComponent(bot.id);
    var body = h('div', h('p.muted.small', 'Loading…'));

    function allow(site, button) {
      button.disabled = true;
      // The bot as it is now, so that a domain added meanwhile elsewhere is kept.
      P.api.get(path).then(function (current) {
        var domains = (current.allowed_domains || []).concat([site.domain]);
        return P.api.patch(path, { allowed_domains: domains });
      }).then(function () {
        return P.loadBots().then(P.route).then(function () { P.toast(site.domain + ' may now use the bot'); });
      }, function (error) {
        button.disabled = false;
        P.toast(error.message);
      });
    }

    function draw(sites) {
      P.clear(body);
      if (!sites || !sites.length) {
        body.appendChild(h('p.muted.small', 'No other site has tried to use this bot.'));
        return;
      }
      body.appendChild(h('ul.refused-sites', sites.map(function (site) {
        var button = h('button.button.small', { type: 'button', 'aria-label': 'Allow ' + site.domain }, 'Allow');
        button.addEventListener('click', function () { allow(site, button); });
        return h('li', { 'data-refused': site.domain },
          h('div.refused-site',
            h('span', 'Refused: ', h('strong', { text: site.domain }), ' — add it?'),
            h('span.small.muted', { text: (site.count === 1 ? 'Once' : site.count + ' times') + ', last ' + P.formatDate(site.last_seen) })),
          button);
      })));
    }

    P.api.get(path + '/refused_origins').then(draw, function (error) {
      P.clear(body).appendChild(h('div.callout.error', { role: 'alert', text: 'The refused sites could not be read: ' + error.message }));
    });
    return h('section.card.stack', { 'aria-labelledby': 'refused-title' },
      h('div',
        h('h2#refused-title', 'Refused sites'),
        h('p.muted.small', 'Pages on these sites tried to show the widget or call the bot, and were refused because the allowed domains leave them out. If a site is yours, allow it; the widget then shows there on the next page load.')),
      body);
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
    if (domains.length) {
      panel.appendChild(refusedSites(bot));
    }
    return null;
  };
})();

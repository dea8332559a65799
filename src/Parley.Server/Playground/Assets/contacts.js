/*
 * The contact details PII redaction never masks (filters.pii_allow): a field of the Settings tab's filters, with
 * the e-mail addresses and phone numbers the bot's knowledge gives offered for it. bots.js draws it in its form.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;

  /** { node, value() }: the field to put in the settings form, and its entries to send as filters.pii_allow. */
  P.piiAllowField = function (bot) {
    var filters = bot.filters || {};
    var list = h('textarea', {
      name: 'pii_allow',
      rows: '2',
      value: (filters.pii_allow || []).join('\n'),
      placeholder: 'support@example.com\n+1 415 555 0100'
    });
    var found = h('div.found-contacts', { 'aria-live': 'polite' });
    var find = h('button.button.small', { type: 'button' }, 'Find them in the knowledge');

    function listed(value) {
      var wanted = value.toLowerCase();
      return P.lines(list.value).some(function (entry) { return entry.toLowerCase() === wanted; });
    }

    function add(value) {
      list.value = (list.value.trim() ? list.value.replace(/\s*$/, '\n') : '') + value;
    }

    function draw(contacts) {
      var fresh = contacts.filter(function (c) { return !c.allowed && !listed(c.value); });
      P.clear(found);
      if (!fresh.length) {
        found.appendChild(h('p.small.muted', contacts.length
          ? 'Every contact detail found in the knowledge is listed already.'
          : 'No e-mail address or phone number was found in the knowledge.'));
        return;
      }
      found.appendChild(h('p.small.muted', 'Found in the knowledge. Add the ones that are yours, then save.'));
      found.appendChild(h('ul.found-list', fresh.map(function (contact) {
        var button = h('button.button.small', { type: 'button', 'aria-label': 'Add ' + contact.value }, 'Add');
        var item = h('li', { 'data-contact': contact.value },
          h('span.found-contact', h('strong', { text: contact.value }), h('span.small.muted', { text: 'on ' + contact.page_title })),
          button);
        button.addEventListener('click', function () {
          add(contact.value);
          item.remove();
        });
        return item;
      })));
    }

    find.addEventListener('click', function () {
      find.disabled = true;
      P.api.get('/v1/bots/' + encodeURIComponent(bot.id) + '/contact_details').then(draw, function (error) {
        P.clear(found).appendChild(h('p.field-error', { role: 'alert', text: error.message }));
      }).then(function () {
        find.disabled = false;
      });
    });

    return {
      node: h('div.stack.pii-allow',
        P.field('Contact details never masked', list,
          'One e-mail address or phone number per line: your own, which visitors need. Redaction leaves them in answers; a phone number matches however it is written.'),
        h('div', find),
        found),
      value: function () { return P.lines(list.value); }
    };
  };
})();

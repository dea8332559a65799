/*
 * The settings form's checks, in the owner's words. The API's messages stay precise for developers
 * ("'rate_limit.window_seconds' must be between 1 and 2592000."); the form says what to do instead, before
 * saving when it can tell, and after a refusal by the field the API names.
 */
(function () {
  'use strict';

  var P = window.Parley;

  // What an owner reads when the API refuses a field, keyed by the field the API names.
  var words = {
    name: 'Give the bot a name of up to 200 characters.',
    privacy: 'Choose who may talk to the bot.',
    allowed_domains: 'Write each website as its domain, such as example.com, or *.example.com for all its subdomains: one per line, up to 200.',
    rate_limit: 'Enter how many messages a visitor may send, and in how many seconds.',
    'rate_limit.max_messages': 'Enter a whole number of messages from 1 to 1,000,000.',
    'rate_limit.window_seconds': 'Enter a time window from 1 second to 30 days (2,592,000 seconds).',
    system_prompt: 'The system prompt can be up to 20,000 characters long.',
    welcome_message: 'The welcome message can be up to 2,000 characters long.',
    suggested_questions: 'Offer up to six suggested questions, each up to 200 characters long.',
    'filters.blocked_terms': 'Block up to 500 words or phrases, each up to 200 characters long.',
    'filters.blocked_topics': 'Block up to 50 topics, each a few words of up to 200 characters.',
    'filters.grounding': 'Choose how strictly answers are checked against your sources.',
    qa_match_threshold: 'Enter how close a question must be as a number from 0 to 1, such as 0.9, or leave it empty for the measured default.',
    'widget.color': 'Choose a colour.',
    'widget.position': 'Choose the bottom right or the bottom left corner.',
    'widget.title': 'The title can be up to 80 characters long.',
    'widget.avatar_url': 'Enter the image\'s full web address, starting with https://.',
    'model.provider': 'Choose what the bot answers with.',
    'model.base_url': 'Enter the API\'s full address, starting with https:// (or http:// for a server on your own network), such as https://api.openai.com/v1.',
    'model.model': 'Enter the name of the model, such as gpt-4o-mini or claude-sonnet-4-5.',
    'model.api_key': 'The API key can be up to 4,000 characters long.',
    'model.max_tokens': 'Enter the longest answer as a whole number of tokens from 1 to 200,000.',
    'model.context_tokens': 'Enter the context size as a whole number of tokens from 512 to 2,000,000, larger than the longest answer (1,024 tokens when left empty).',
    'model.temperature': 'Enter a temperature from 0 to 2, such as 0.2.'
  };

  function ownerWords(field, fallback) {
    return words[field] || fallback;
  }

  function wholeNumber(text, min, max) {
    var value = String(text).trim();
    return /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
  }

  function decimal(text, min, max) {
    var value = String(text).trim();
    return /^\d+(\.\d+)?$/.test(value) && Number(value) >= min && Number(value) <= max;
  }

  function webAddress(text) {
    try {
      var url = new URL(String(text).trim());
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch (e) {
      return false;
    }
  }

  /**
   * Why a line of allowed domains is not one, or null when the server will take it: a host, a host:port, a
   * *.host wildcard, or a pasted address, of which the server keeps the host (see AllowedDomain.cs).
   */
  function domainProblem(entry) {
    var text = entry.trim();
    var wildcard = text.indexOf('*.') === 0;
    var scheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    var url;
    try {
      url = new URL(scheme && !wildcard ? text : 'http://' + (wildcard ? text.slice(2) : text));
    } catch (e) {
      url = null;
    }
    var hostOnly = url && (scheme || (url.pathname === '/' && !url.search && !url.hash && text.indexOf('/') < 0));
    // Chrome's URL parser takes "shop example.com" as a host (percent-encoding the space); a host never holds one.
    if (!url || !hostOnly || /\s/.test(text) || url.hostname.indexOf('%') >= 0 || url.username || url.password || !url.hostname || (scheme && !/^https?:$/.test(url.protocol)) ||
        (wildcard && (/^[\d.]+$/.test(url.hostname) || url.hostname.charAt(0) === '['))) {
      return '“' + text + '” is not a website. Write its domain only, such as example.com, or *.example.com for all its subdomains.';
    }
    return null;
  }

  /** Problems with a list of lines: too many, or one too long; null when fine. */
  function listProblem(lines, most, longest, what) {
    if (lines.length > most) {
      return 'Up to ' + most + ' ' + what + ', please: this list has ' + lines.length + '.';
    }
    var tooLong = lines.filter(function (line) { return line.length > longest; })[0];
    return tooLong ? 'Each of the ' + what + ' can be up to ' + longest + ' characters long; “' + tooLong.slice(0, 40) + '…” is longer.' : null;
  }

  function textProblem(text, longest, what) {
    return text.length > longest ? what + ' can be up to ' + longest.toLocaleString('en') + ' characters long; it has ' + text.length.toLocaleString('en') + '.' : null;
  }

  /** "20 messages per minute": a window in seconds, in the words people use. */
  function perWindow(seconds) {
    var units = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];
    for (var i = 0; i < units.length; i++) {
      if (seconds % units[i][0] === 0) {
        var n = seconds / units[i][0];
        return n === 1 ? units[i][1] : n.toLocaleString('en') + ' ' + units[i][1] + 's';
      }
    }
    return seconds === 1 ? 'second' : seconds.toLocaleString('en') + ' seconds';
  }

  /**
   * Marks each problem's control and writes its message under it; shows and focuses the first. Clears earlier marks first,
   * like P.showError, which shows a single API error the same way.
   */
  function showProblems(form, problems) {
    P.showError(form, null);
    problems.forEach(function (problem) {
      problem.control.classList.add('invalid');
      problem.control.setAttribute('aria-invalid', 'true');
      var note = P.h('span.field-error', { id: P.id('error'), text: problem.message });
      problem.control.setAttribute('aria-errormessage', note.id);
      problem.control.insertAdjacentElement('afterend', note);
    });
    if (problems.length) {
      // Centred, not just into view: the form's sticky Save bar would hide a field focused at the bottom edge.
      problems[0].control.scrollIntoView({ block: 'center' });
      problems[0].control.focus({ preventScroll: true });
    }
  }

  P.checks = {
    ownerWords: ownerWords,
    wholeNumber: wholeNumber,
    decimal: decimal,
    webAddress: webAddress,
    domainProblem: domainProblem,
    listProblem: listProblem,
    textProblem: textProblem,
    perWindow: perWindow,
    showProblems: showProblems
  };
})();

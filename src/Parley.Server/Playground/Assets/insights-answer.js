/*
 * "Write the answer", opened in place under a question of the Insights tab: the conversation it was asked in (so the
 * owner sees what the visitor meant and what the bot said), and a form that saves the answer as a Q&A source of the
 * bot, which from then on answers that question.
 */
(function () {
  'use strict';

  var P = window.Parley;
  var h = P.h;

  var outcomes = {
    no_knowledge: 'Found nothing in its knowledge',
    declined: 'Declined',
    filtered: 'Blocked or replaced by a filter',
    failed: 'Failed',
    interrupted: 'Interrupted',
    saved_answer: 'Saved answer'
  };

  function transcript(conversationId, messageId) {
    var node = h('div.transcript.answer-transcript', { 'aria-label': 'The conversation', tabindex: '0' }, h('p.small.muted', 'Loading the conversation…'));
    P.api.get('/v1/conversations/' + encodeURIComponent(conversationId)).then(function (conversation) {
      P.clear(node);
      var asked = null;
      (conversation.messages || []).forEach(function (m) {
        var bubble = h('div.bubble.' + (m.role === 'user' ? 'user' : 'assistant'), { 'data-message-id': m.id });
        if (m.role === 'user') {
          bubble.textContent = m.content;
        } else {
          P.markdown(bubble, m.content);
          if (m.outcome && outcomes[m.outcome]) {
            bubble.appendChild(h('div.meta', h('span.pill' + (m.outcome === 'saved_answer' ? '.ok' : '.warn'), { 'data-outcome': m.outcome }, outcomes[m.outcome])));
          }
        }
        if (m.id === messageId) {
          bubble.classList.add('asked');
          asked = bubble;
        }
        node.appendChild(bubble);
      });
      if (asked) {
        // The transcript scrolls on its own: bring the question into its view, not the page to it.
        node.scrollTop = Math.max(0, asked.offsetTop - node.offsetTop - 12);
      }
    }, function (error) {
      P.clear(node).appendChild(h('p.small.muted', { text: error.status === 404 ? 'The conversation is no longer stored.' : error.message }));
    });
    return node;
  }

  /**
   * The panel for one question ({question, conversation_id?, message_id?}); onSaved(source) runs once the answer
   * is saved, onClose when the owner cancels.
   */
  P.answerPanel = function (bot, item, onSaved, onClose) {
    var question = h('input', { type: 'text', name: 'question', required: true, maxlength: '2000', value: item.question });
    var answer = h('textarea', { name: 'answer', rows: '5', required: true, placeholder: 'The answer visitors should get, as you would write it to them.' });
    var url = P.offerHttps(h('input', { type: 'url', name: 'url', placeholder: 'https://example.com/help/refunds' }));
    var message = h('div');
    var save = h('button.button.primary', { type: 'submit' }, 'Save the answer');
    var form = h('form.stack.answer-form', {
      'aria-label': 'Write the answer',
      novalidate: true,
      on: {
        submit: function (event) {
          event.preventDefault();
          if (!answer.value.trim()) {
            P.showError(form, { field: 'answer', message: 'Write the answer visitors should get.' }, message);
            return;
          }
          save.disabled = true;
          P.showError(form, null);
          P.clear(message);
          P.api.post('/v1/bots/' + bot.id + '/sources', {
            type: 'qa',
            question: question.value.trim(),
            answer: answer.value.trim(),
            url: url.value.trim() || undefined
          }).then(function (source) {
            P.toast('Answer saved');
            onSaved(source);
          }, function (error) {
            save.disabled = false;
            P.showError(form, error, message);
          });
        }
      }
    },
    P.field('Question', question, 'Visitors who ask this, in these or other words, get your answer.'),
    P.field('Answer', answer),
    P.field('Link (optional)', url, 'Cited with the answer, for visitors who want to read more.'),
    message,
    h('div.row.end',
      h('button.button', { type: 'button', on: { click: onClose } }, 'Cancel'),
      save));

    var panel = h('div.answer-panel',
      item.conversation_id ? h('div.answer-context', h('h3', 'The conversation'), transcript(item.conversation_id, item.message_id)) : null,
      h('div.answer-write', h('h3', 'Write the answer'), form));
    setTimeout(function () { answer.focus(); }, 0);
    return panel;
  };
})();

// Tollgate portals: small behaviours for every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  // Destructive forms carry data-confirm="question": ask before submitting.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Buttons with data-dialog-open="id" open that <dialog>; data-dialog-close closes the enclosing one.
  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-dialog-open]');
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-dialog-open'));
      if (dialog && !dialog.open) {
        dialog.showModal();
      }
      return;
    }
    var closer = event.target.closest('[data-dialog-close]');
    if (closer) {
      closer.closest('dialog').close();
      return;
    }
    var copier = event.target.closest('[data-copy-target]');
    if (copier) {
      copy(document.getElementById(copier.getAttribute('data-copy-target')), copier);
    }
  });

  function copy(source, button) {
    if (!source) {
      return;
    }
    var text = 'value' in source ? source.value : source.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      button.setAttribute('data-copied', 'true');
      window.setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(source, text) && done(); });
    } else if (fallbackCopy(source, text)) {
      done();
    }
  }

  // Older browsers and non-secure pages: select the text and let the browser copy the selection.
  function fallbackCopy(source, text) {
    var field = source;
    var temporary = null;
    if (!('select' in source)) {
      temporary = document.createElement('textarea');
      temporary.value = text;
      temporary.setAttribute('readonly', '');
      temporary.className = 'offscreen';
      document.body.appendChild(temporary);
      field = temporary;
    }
    field.select();
    var copied = false;
    try {
      copied = document.execCommand('copy');
    } catch (e) {
      copied = false;
    }
    if (temporary) {
      document.body.removeChild(temporary);
    }
    return copied;
  }

  // CREATE & PUBLISH needs an endpoint and at least one business plan; the server checks it again.
  function watchPublishable(root) {
    var form = root.querySelector('form[data-publishable]');
    if (!form) {
      return;
    }
    var button = form.querySelector('[data-requires-publishable]');
    var endpoint = form.querySelector('[name="endpoint"]');
    var plans = form.querySelector('[name="policies"]');
    if (!button || !endpoint || !plans) {
      return;
    }
    var update = function () {
      var ready = endpoint.value.trim() !== '' && plans.selectedOptions.length > 0;
      button.disabled = !ready;
    };
    endpoint.addEventListener('input', update);
    plans.addEventListener('change', update);
    update();
  }

  function openRequestedDialogs(root) {
    root.querySelectorAll('dialog[data-open-on-load]').forEach(function (dialog) {
      if (!dialog.open) {
        dialog.showModal();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    watchPublishable(document);
    openRequestedDialogs(document);
  });
})();

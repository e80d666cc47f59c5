/* Served by `chronolens serve` only: the report's pages read from disk never load it, so they have
   no forms. It adds the acknowledgement form to each flag of a child's page and a verdict form to
   each sampled flag of an audit pack's page. Every POST carries the session's CSRF token. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) { return; }
  var d = me.dataset;
  var main = document.querySelector('main') || document.body;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function post(path, fields) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': d.csrf },
      body: new URLSearchParams(fields).toString()
    }).then(function (r) {
      return r.json().catch(function () { return { error: 'The server refused (' + r.status + '); nothing was written.' }; });
    });
  }

  /* Token mode: the reviewer gives a pseudonym once per session; every form is signed with it. */
  var waiting = [];
  function whenNamed(f) { if (d.user) { f(); } else { waiting.push(f); } }
  function nameForm() {
    if (d.user || d.mode !== 'token') { return; }
    var form = el('form', { 'class': 'served-name' });
    var fs = el('fieldset');
    fs.appendChild(el('legend', {}, 'Who is reviewing'));
    fs.appendChild(el('label', { 'for': 'served-name' }, 'Your pseudonym (such as rev-07; never your name), once for this session'));
    var input = el('input', { id: 'served-name', name: 'name', required: 'required', autocomplete: 'off', maxlength: '64' });
    fs.appendChild(input);
    fs.appendChild(el('button', { type: 'submit' }, 'Use this pseudonym'));
    var msg = el('p', { 'class': 'served-msg', role: 'status' });
    fs.appendChild(msg);
    form.appendChild(fs);
    main.insertBefore(form, main.firstChild);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      post('/-/name', { name: input.value }).then(function (r) {
        if (r.error) { msg.textContent = r.error; return; }
        d.user = r.user;
        form.replaceWith(el('p', { 'class': 'served-signed' }, 'Reviewing as ' + r.user + '.'));
        document.querySelectorAll('.served-as').forEach(function (s) { s.textContent = r.user; });
        waiting.splice(0).forEach(function (f) { f(); });
      });
    });
  }

  function trailRow(section, line) {
    var trail = section.querySelector('.trail');
    if (!trail) { return; }
    var table = trail.querySelector('table.review-trail');
    if (!table) {
      var none = trail.querySelector('.not-reviewed');
      table = el('table', { 'class': 'review-trail' });
      table.appendChild(el('caption', {}, 'Review trail: every review recorded for this flag, newest first'));
      var head = el('thead'), tr = el('tr');
      ['date', 'reviewer', 'outcome', 'reason', 'status in this run'].forEach(function (h) { tr.appendChild(el('th', { scope: 'col' }, h)); });
      head.appendChild(tr);
      table.appendChild(head);
      table.appendChild(el('tbody'));
      if (none) { none.replaceWith(table); } else { trail.appendChild(table); }
    }
    var row = el('tr', { 'class': 'served-new' });
    [line.date, line.reviewer, line.outcome, line.reason, line.status].forEach(function (v) { row.appendChild(el('td', {}, v)); });
    var body = table.querySelector('tbody');
    body.insertBefore(row, body.firstChild);
  }

  function childPage() {
    var sections = Array.prototype.slice.call(document.querySelectorAll('section.flag'));
    var byKey = {};
    var outcomes = JSON.parse(d.outcomes || '{}');
    sections.forEach(function (section, i) {
      var code = section.querySelector('.rule-id .key code');
      if (!code) { return; }
      var key = code.textContent;
      byKey[key] = section;
      if (d.acks !== 'on') {
        section.appendChild(el('p', { 'class': 'served-off' }, 'Acknowledgements cannot be recorded here: this server has no '
          + 'acknowledgements file for this run (start serve with --acknowledgements FILE).'));
        return;
      }
      var form = el('form', { 'class': 'served-ack', 'data-flag': key });
      var fs = el('fieldset');
      fs.appendChild(el('legend', {}, 'Acknowledge or reflect on this flag'));
      fs.appendChild(el('label', { 'for': 'ack-outcome-' + i }, 'Outcome'));
      var select = el('select', { id: 'ack-outcome-' + i, name: 'outcome', required: 'required' });
      select.appendChild(el('option', { value: '' }, 'choose an outcome'));
      Object.keys(outcomes).forEach(function (k) { select.appendChild(el('option', { value: k }, outcomes[k])); });
      fs.appendChild(select);
      fs.appendChild(el('label', { 'for': 'ack-note-' + i }, 'Reason or reflection (no names or other identifiers)'));
      var note = el('textarea', { id: 'ack-note-' + i, name: 'note', required: 'required', maxlength: '4000', rows: '3' });
      fs.appendChild(note);
      var who = el('p', { 'class': 'served-who' });
      who.appendChild(document.createTextNode('Recorded as '));
      who.appendChild(el('span', { 'class': 'served-as' }, d.user || '(give your pseudonym above)'));
      who.appendChild(document.createTextNode(', dated today.'));
      fs.appendChild(who);
      fs.appendChild(el('button', { type: 'submit' }, 'Record'));
      var msg = el('p', { 'class': 'served-msg', role: 'status' });
      fs.appendChild(msg);
      form.appendChild(fs);
      var trail = section.querySelector('.trail');
      section.insertBefore(form, trail ? trail.nextSibling : null);
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        if (!d.user) { msg.textContent = 'Give your pseudonym first (at the top of the page).'; return; }
        post('/-/acknowledge', { run: d.run, flag: key, outcome: select.value, note: note.value }).then(function (r) {
          if (r.error) { msg.textContent = r.error; return; }
          trailRow(section, r.line);
          note.value = '';
          select.value = '';
          msg.textContent = 'Recorded in the acknowledgements file; the next run applies it.';
        });
      });
    });
    if (d.acks === 'on') {
      fetch('/-/trail?run=' + encodeURIComponent(d.run), { credentials: 'same-origin' }).then(function (r) { return r.json(); })
        .then(function (r) {
          (r.lines || []).forEach(function (line) { if (byKey[line.flag]) { trailRow(byKey[line.flag], line); } });
        });
    }
  }

  function packPage() {
    var verdicts = (d.verdicts || 'agree,disagree,unclear').split(',');
    var rows = [];
    document.querySelectorAll('table tbody tr').forEach(function (tr) {
      var code = tr.querySelector('td:last-child code');
      if (code) { rows.push({ tr: tr, key: code.textContent }); }
    });
    if (!rows.length) { return; }
    var headRow = rows[0].tr.closest('table').querySelector('thead tr');
    if (headRow) { headRow.appendChild(el('th', { scope: 'col' }, 'your verdict')); }
    var forms = {};
    rows.forEach(function (row, i) {
      var td = el('td', { 'class': 'served-verdict' });
      var form = el('form', { 'class': 'served-verdict', 'data-flag': row.key });
      form.appendChild(el('label', { 'for': 'verdict-' + i, 'class': 'served-hide' }, 'Verdict on ' + row.key));
      var select = el('select', { id: 'verdict-' + i, name: 'verdict', required: 'required' });
      select.appendChild(el('option', { value: '' }, 'verdict'));
      verdicts.forEach(function (v) { select.appendChild(el('option', { value: v }, v)); });
      form.appendChild(select);
      form.appendChild(el('label', { 'for': 'comment-' + i, 'class': 'served-hide' }, 'Comment on ' + row.key + ' (no identifiers)'));
      var comment = el('input', { id: 'comment-' + i, name: 'comment', maxlength: '2000', placeholder: 'comment (no identifiers)' });
      form.appendChild(comment);
      form.appendChild(el('button', { type: 'submit' }, 'Record'));
      var msg = el('span', { 'class': 'served-msg', role: 'status' });
      form.appendChild(msg);
      td.appendChild(form);
      row.tr.appendChild(td);
      forms[row.key] = { select: select, comment: comment, msg: msg };
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        if (!d.user) { msg.textContent = 'Give your pseudonym first (at the top of the page).'; return; }
        post('/-/verdict', { pack: d.pack, flag: row.key, verdict: select.value, comment: comment.value }).then(function (r) {
          if (r.error) { msg.textContent = r.error; return; }
          msg.textContent = 'Recorded (' + r.verdict + ') in ' + r.checklist + '.';
        });
      });
    });
    whenNamed(function () {
      fetch('/-/verdicts?pack=' + encodeURIComponent(d.pack), { credentials: 'same-origin' }).then(function (r) { return r.json(); })
        .then(function (r) {
          Object.keys(r.verdicts || {}).forEach(function (k) {
            var f = forms[k];
            if (f) { f.select.value = r.verdicts[k].verdict; f.comment.value = r.verdicts[k].comment; f.msg.textContent = 'Recorded.'; }
          });
        });
    });
  }

  nameForm();
  if (d.kind === 'child') { childPage(); }
  if (d.kind === 'pack') { packPage(); }
})();

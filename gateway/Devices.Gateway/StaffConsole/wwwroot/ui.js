// Small helpers pages may share: building elements, field errors from problem details, times and numbers.

/** h('button', {class: 'primary', onclick: fn}, 'Save') → element. `text` sets textContent; false/null attributes are left out. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else if (k === 'value' && (tag === 'input' || tag === 'textarea' || tag === 'select')) node.value = v;
    else if (k === 'checked' && tag === 'input') node.checked = !!v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

let nextId = 0;
/** A labelled input: {field, input, error}. The error paragraph sits under the input (aria-describedby). */
export function field(label, input, hint) {
  const id = input.id || ('f' + (++nextId));
  input.id = id;
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true, role: 'alert' });
  const hintNode = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
  input.setAttribute('aria-describedby', [hintNode && hintNode.id, error.id].filter(Boolean).join(' '));
  const wrap = h('div', { class: 'field' + (input.type === 'checkbox' ? ' check' : '') },
    input.type === 'checkbox' ? [input, h('label', { for: id }, label)] : [h('label', { for: id }, label), input], hintNode, error);
  return { field: wrap, input, error };
}

/** Shows each server error next to its field (`fields` maps error keys to {input, error}); returns the errors no field took. */
export function showFieldErrors(fields, apiError) {
  clearFieldErrors(fields);
  const rest = [];
  const errors = (apiError && apiError.errors) || {};
  for (const [key, messages] of Object.entries(errors)) {
    const target = fields[key] || fields[key.replace(/^(tent|label)\./, '')];
    const text = [].concat(messages).join(' ');
    if (target) {
      target.error.textContent = text;
      target.error.hidden = false;
      target.input.setAttribute('aria-invalid', 'true');
    } else rest.push(text);
  }
  const first = Object.values(fields).find(f => !f.error.hidden);
  if (first) first.input.focus();
  return rest;
}

export function clearFieldErrors(fields) {
  for (const f of Object.values(fields)) {
    f.error.hidden = true;
    f.error.textContent = '';
    f.input.removeAttribute('aria-invalid');
  }
}

/** "12 s ago", "5 min ago", "3 h ago", or a date. */
export function ago(iso, lang) {
  if (!iso) return lang === 'zh-CN' ? '从未' : 'never';
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  const zh = lang === 'zh-CN';
  if (s < 60) return zh ? `${s} 秒前` : `${s} s ago`;
  if (s < 3600) return zh ? `${Math.floor(s / 60)} 分钟前` : `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return zh ? `${Math.floor(s / 3600)} 小时前` : `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleString(lang);
}

export function dateTime(iso, lang) {
  return iso ? new Date(iso).toLocaleString(lang) : '';
}

/*
 * Tasklist additions of 健康扶贫业务协同:
 *  - the 附件 tab on every task: the case's attachments (申请材料), upload with size and type limits;
 *  - the 文书 tab: the documents of the task's case, to print or download as PDF;
 *  - Chinese messages for the validation errors of Camunda Forms (form-js shows them in English);
 *  - the 中文 / English switch;
 *  - counts on every filter, opening on the list with the person's work, claim on editing and the search box
 *    (staff-work.js).
 * Loaded by scripts/config.js (customScripts); the tab uses the plugin point tasklist.task.detail.
 */
import '../../healthassist/language-switch.js';
import staffWork from './staff-work.js';

const FORM_MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must match pattern .*$/, () => '格式不正确，请按说明填写。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `不能超过 ${m[1]} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Value is expected to be an integer\.$/, () => '请填写整数。'],
  [/^Value is expected to conform to the step (.+)\.$/, (m) => `数值精度应为 ${m[1]}。`]
];

function translateFormErrors(root) {
  root.querySelectorAll('.fjs-container input[placeholder="Search"]').forEach((el) => {
    el.setAttribute('placeholder', '请选择（可输入文字搜索）');
  });
  // change the text nodes form-js rendered (not the elements), so that its own updates keep working on them
  root.querySelectorAll('.fjs-form-field-error li, .fjs-form-field-error span').forEach((el) => {
    el.childNodes.forEach((node) => {
      if (node.nodeType !== Node.TEXT_NODE) return;
      const text = node.nodeValue.trim();
      for (const [pattern, zh] of FORM_MESSAGES) {
        const match = text.match(pattern);
        if (match) {
          node.nodeValue = zh(match);
          break;
        }
      }
    });
  });
}

/** The date picker of Camunda Forms (flatpickr) in Chinese: months and weekdays (it has no locale of its own here). */
const WEEKDAYS = { Sun: '日', Mon: '一', Tue: '二', Wed: '三', Thu: '四', Fri: '五', Sat: '六' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

function translateDatePicker(root) {
  root.querySelectorAll('.flatpickr-calendar .flatpickr-weekday').forEach((el) => {
    const zh = WEEKDAYS[el.textContent.trim()];
    if (zh) el.textContent = zh;
  });
  root.querySelectorAll('.flatpickr-calendar .flatpickr-monthDropdown-month, .flatpickr-calendar .cur-month').forEach((el) => {
    const i = MONTHS.indexOf(el.textContent.trim());
    if (i >= 0) el.textContent = (i + 1) + '月';
  });
}

if (window.localStorage.getItem('healthassist.locale') !== 'en') {
  new MutationObserver(() => translateDatePicker(document)).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true
  });
  new MutationObserver(() => translateFormErrors(document)).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true
  });
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

function text(tag, content, className) {
  const el = document.createElement(tag);
  if (content !== undefined && content !== null) {
    el.textContent = content;
  }
  if (className) {
    el.className = className;
  }
  return el;
}

function formatSize(bytes) {
  if (bytes === null || bytes === undefined) {
    return '';
  }
  return bytes > 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

async function problemMessage(response) {
  try {
    const body = await response.json();
    return body.detail || body.message || ('错误 ' + response.status);
  } catch (e) {
    return '错误 ' + response.status;
  }
}

/** A tab's content (class `name`) in place of what the plugin point held, with its status line (not yet shown). */
function tabBox(node, taskId, name, statusText) {
  node.innerHTML = '';
  const box = text('div', null, name);
  box.style.padding = '12px';
  box.setAttribute('data-task-id', taskId);
  node.appendChild(box);
  const status = text('div', statusText, name + '-status');
  status.setAttribute('role', 'status');
  return { box, status };
}

function renderAttachments(node, taskId) {
  const { box, status } = tabBox(node, taskId, 'healthassist-attachments', '');
  const table = text('table', null, 'table table-condensed');
  const list = text('tbody');
  const head = text('thead');
  const headRow = text('tr');
  ['文件名', '说明', '上传人', '上传时间', '大小', ''].forEach((h) => headRow.appendChild(text('th', h)));
  head.appendChild(headRow);
  table.appendChild(head);
  table.appendChild(list);

  const form = text('form', null, 'form-inline');
  form.setAttribute('aria-label', '上传附件');
  const file = document.createElement('input');
  file.type = 'file';
  file.name = 'file';
  file.accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
  file.className = 'form-control';
  file.setAttribute('aria-label', '选择文件');
  const description = document.createElement('input');
  description.type = 'text';
  description.name = 'description';
  description.maxLength = 100;
  description.placeholder = '说明，如：县人民医院诊断证明书';
  description.className = 'form-control';
  description.style.margin = '0 8px';
  description.setAttribute('aria-label', '附件说明');
  const upload = text('button', '上传', 'btn btn-primary');
  upload.type = 'submit';
  form.appendChild(file);
  form.appendChild(description);
  form.appendChild(upload);

  box.appendChild(text('h4', '本案件的附件（申请材料）'));
  box.appendChild(text('p', '支持 PDF、JPG、PNG 格式，每个文件不超过 10 MB。上传后，乡镇、县级审核人员都能看到。', 'text-muted'));
  box.appendChild(table);
  box.appendChild(form);
  box.appendChild(status);

  async function load() {
    const response = await fetch(`/api/tasks/${encodeURIComponent(taskId)}/attachments`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    });
    list.innerHTML = '';
    if (!response.ok) {
      status.textContent = await problemMessage(response);
      return;
    }
    const attachments = await response.json();
    const me = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : {}));
    if (attachments.length === 0) {
      const row = text('tr');
      const cell = text('td', '尚无附件', 'text-muted');
      cell.colSpan = 6;
      row.appendChild(cell);
      list.appendChild(row);
    }
    attachments.forEach((a) => {
      const row = text('tr');
      const nameCell = text('td');
      if (a.removedAt) {
        nameCell.appendChild(text('s', a.name));
      } else {
        const link = text('a', a.name);
        link.href = `/api/attachments/${encodeURIComponent(a.id)}/content`;
        link.target = '_blank';
        link.rel = 'noopener';
        nameCell.appendChild(link);
      }
      row.appendChild(nameCell);
      row.appendChild(text('td', a.removedAt
        ? `已由 ${a.removedByName || a.removedBy} 于 ${new Date(a.removedAt).toLocaleString('zh-CN')} 删除` : (a.description || '')));
      row.appendChild(text('td', a.userName || a.userId || ''));
      row.appendChild(text('td', a.time ? new Date(a.time).toLocaleString('zh-CN') : ''));
      row.appendChild(text('td', formatSize(a.size)));
      const actions = text('td');
      // the uploader removes a file of this step while it is open (the server checks it again)
      if (!a.removedAt && a.taskId === taskId && me.userId && a.userId === me.userId) {
        const remove = text('button', '删除', 'btn btn-default btn-xs');
        remove.type = 'button';
        remove.setAttribute('aria-label', '删除 ' + a.name);
        // a second click confirms: the first asks, in the button itself
        remove.addEventListener('click', async () => {
          if (!remove.classList.contains('btn-danger')) {
            remove.classList.replace('btn-default', 'btn-danger');
            remove.textContent = '确认删除';
            status.textContent = `再点一次“确认删除”即删除“${a.name}”；删除会记入案件的办理记录。`;
            return;
          }
          remove.disabled = true;
          const r = await fetch(`/api/attachments/${encodeURIComponent(a.id)}`, {
            method: 'DELETE',
            credentials: 'same-origin',
            headers: { 'X-XSRF-TOKEN': csrfToken(), Accept: 'application/json' }
          });
          status.textContent = r.ok ? '已删除：' + a.name : '删除失败：' + (await problemMessage(r));
          await load();
        });
        actions.appendChild(remove);
      }
      row.appendChild(actions);
      list.appendChild(row);
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!file.files.length) {
      status.textContent = '请先选择要上传的文件';
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    data.append('description', description.value);
    upload.disabled = true;
    status.textContent = '正在上传……';
    try {
      const response = await fetch(`/api/tasks/${encodeURIComponent(taskId)}/attachments`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-XSRF-TOKEN': csrfToken(), Accept: 'application/json' },
        body: data
      });
      if (response.ok) {
        status.textContent = '已上传：' + file.files[0].name;
        form.reset();
        await load();
      } else {
        status.textContent = '上传失败：' + (await problemMessage(response));
      }
    } finally {
      upload.disabled = false;
    }
  });

  load();
}

/** The 文书 tab: the documents of the task's case (慢性病证, 转诊单, 救助审批表, 救助金发放通知) to print or hand over. */
function renderDocuments(node, taskId) {
  const { box, status } = tabBox(node, taskId, 'healthassist-documents', '正在读取……');
  box.appendChild(status);
  const list = text('ul');
  box.appendChild(list);
  fetch(`/api/tasks/${encodeURIComponent(taskId)}/documents`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  }).then(async (response) => {
    if (!response.ok) {
      status.textContent = '读取失败：' + (await problemMessage(response));
      return;
    }
    const found = await response.json();
    status.textContent = found.items.length ? `${found.businessKey} 的文书：` : `${found.businessKey} 还没有文书（发证、开具转诊单、审批或支付后才有）。`;
    for (const d of found.items) {
      const item = text('li');
      item.appendChild(text('span', `${d.title} ${d.number} `));
      const print = text('a', '打印');
      print.href = d.printUrl;
      print.target = '_blank';
      print.rel = 'noopener';
      const pdf = text('a', 'PDF');
      pdf.href = d.url;
      pdf.target = '_blank';
      pdf.rel = 'noopener';
      pdf.style.marginLeft = '8px';
      item.appendChild(print);
      item.appendChild(pdf);
      list.appendChild(item);
    }
  }).catch(() => {
    status.textContent = '读取失败，请刷新页面后重试。';
  });
}

/*
 * 已发起 CC-2026-000003: the start's notification names the case. Tasklist says only 流程已发起; the start's answer
 * (POST …/process-definition/{id}/submit-form) carries the business number the product gave it, which replaces the
 * words of that notification once it is shown.
 */
let startedCase = null;

function nameStartedCase() {
  if (!startedCase) return;
  document.querySelectorAll('.notifications .alert, [cam-notifications] .alert').forEach((alert) => {
    const walker = document.createTreeWalker(alert, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/流程已发起|Process started/i.test(node.nodeValue) && !node.nodeValue.includes(startedCase)) {
        node.nodeValue = window.localStorage.getItem('healthassist.locale') === 'en'
          ? `Started ${startedCase}` : `已发起 ${startedCase}，可在“我的申请”中跟进`;
      }
    }
  });
}

const xhrOpen = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (String(method).toUpperCase() === 'POST' && /\/process-definition\/[^/]+\/submit-form$/.test(String(url))) {
    this.addEventListener('load', () => {
      if (this.status !== 200) return;
      try {
        const started = JSON.parse(this.responseText);
        if (started && started.businessKey) {
          startedCase = started.businessKey;
          nameStartedCase();
        }
      } catch (e) {
        // not JSON: Tasklist shows its own message
      }
    });
  }
  return xhrOpen.call(this, method, url, ...rest);
};
new MutationObserver(nameStartedCase).observe(document.documentElement, { childList: true, subtree: true });

export default [
  ...staffWork,
  {
    id: 'healthassist-documents',
    pluginPoint: 'tasklist.task.detail',
    priority: 400,
    render: (node, { taskId }) => renderDocuments(node, taskId),
    properties: {
      label: '文书'
    }
  },
  {
    id: 'healthassist-attachments',
    pluginPoint: 'tasklist.task.detail',
    priority: 500,
    render: (node, { taskId }) => renderAttachments(node, taskId),
    properties: {
      label: '附件'
    }
  }
];

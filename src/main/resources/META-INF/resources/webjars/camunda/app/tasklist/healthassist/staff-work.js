/*
 * Tasklist for staff who are not IT people (imported by tasklist-plugins.js):
 *  - every filter shows its number of tasks without being clicked (Tasklist 7.24 counts only the open filter): one
 *    GET /filter?itemCount=true, each count made by the engine as the person, again every 15 s and after a claim or
 *    a completion;
 *  - Tasklist opens on the list that holds the person's work: with 我的待办 empty and tasks in 本组待办, on 本组待办
 *    (only when the address names no filter or task, so a chosen list or a link stays as it is);
 *  - claim on editing: a task of 本组待办 is filled in and completed without a separate 认领 click; the first touch
 *    of its form claims it for the person (Tasklist's own 认领, so that a task someone else claimed a moment ago gets
 *    the server's message: "该案件刚被他人办理或认领，请刷新后重试");
 *  - one search box, by applicant name, ID number or business number, instead of Tasklist's general criteria
 *    (plugin point tasklist.list; the query is Tasklist's own searchQuery, so the filter's conditions still hold);
 *  - a card's priority in words (已逾期, 已催办) or not at all, in place of Tasklist's bare number;
 *  - phones: an open task takes the place of the lists (styles/user-styles.css), with 返回任务列表 to go back.
 */
const API = '/camunda/api/engine/engine/default';

// ------------------------------------------------------------------------------------------------ filter counts
let filters = null;
let fetching = false;

function hashParams() {
  const hash = window.location.hash || '';
  const query = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : '';
  return new URLSearchParams(query);
}

// the address as the person opened it: a named filter or task is theirs to keep
const opened = hashParams();
let chooseList = !opened.get('filter') && !opened.get('task');

function filterItems() {
  return Array.from(document.querySelectorAll('.task-filters .task-filter'));
}

function itemName(item) {
  const link = item.querySelector('h4.name a');
  if (!link) return '';
  let name = '';
  link.childNodes.forEach((node) => {
    if (node.nodeType === Node.TEXT_NODE) name += node.nodeValue;
  });
  return name.trim();
}

function showCounts() {
  if (!filters) return;
  filterItems().forEach((item) => {
    const filter = filters.find((f) => f.name === itemName(item));
    const link = item.querySelector('h4.name a');
    if (!filter || !link) return;
    let badge = link.querySelector('.healthassist-count');
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'healthassist-count';
      link.appendChild(badge);
    }
    const text = String(filter.itemCount);
    if (badge.textContent !== text) badge.textContent = text;
    const label = `${filter.name}：${text} 项`;
    if (badge.getAttribute('aria-label') !== label) badge.setAttribute('aria-label', label);
    badge.classList.toggle('empty', filter.itemCount === 0);
  });
}

async function refreshCounts() {
  if (fetching || !document.querySelector('.task-filters')) return;
  fetching = true;
  try {
    const response = await fetch(`${API}/filter?resourceType=Task&itemCount=true`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    });
    if (!response.ok) return;
    filters = (await response.json()).sort((a, b) => ((a.properties || {}).priority || 0) - ((b.properties || {}).priority || 0));
    showCounts();
    openWorkList();
  } catch (e) {
    // offline for a moment: the next round tries again
  } finally {
    fetching = false;
  }
}

/** Once, on opening: the first list by priority that holds tasks, if that is not the one Tasklist opened. */
function openWorkList() {
  if (!chooseList || !filters || !filters.length) return;
  chooseList = false;
  const work = filters.find((f) => f.itemCount > 0);
  if (!work || work.id === filters[0].id || hashParams().get('task')) return;
  const item = filterItems().find((i) => itemName(i) === work.name);
  if (item && !item.classList.contains('active')) item.click();
}

// the person's own choice of list wins over the choice made for them
document.addEventListener('click', (event) => {
  if (event.isTrusted && event.target.closest && event.target.closest('.task-filters')) chooseList = false;
  // a claim, an unclaim or a completion changes the counts: ask again once the server has answered
  if (event.target.closest && event.target.closest('button')) setTimeout(refreshCounts, 1500);
}, true);

setInterval(refreshCounts, 15000);

// ------------------------------------------------------------------------------------------ claim on editing
function claimButton() {
  const button = document.querySelector('.task-details [cam-tasklist-task-meta] button.claim');
  return button && !button.disabled ? button : null;
}

function formArea(target) {
  return target.closest && target.closest('.task-details .tab-content [cam-tasklist-form], .task-details .tab-content .fjs-container');
}

function showClaimHint() {
  const content = document.querySelector('.task-details .tab-content');
  const hint = document.querySelector('.healthassist-claim-hint');
  const unclaimed = claimButton() && content && content.querySelector('.fjs-container, [cam-tasklist-form]');
  if (unclaimed && !hint) {
    const box = document.createElement('p');
    box.className = 'healthassist-claim-hint';
    box.setAttribute('role', 'note');
    box.textContent = '直接填写表单即可办理：开始填写时，系统自动把此任务认领给您。';
    content.insertBefore(box, content.firstChild);
  } else if (!unclaimed && hint) {
    hint.remove();
  }
}

let claiming = false;

document.addEventListener('pointerdown', (event) => {
  const button = claimButton();
  if (!button || claiming || !formArea(event.target)) return;
  claiming = true;
  // Tasklist lays a cover over the form of a task not claimed: the field is the one under the touch
  const field = document.elementsFromPoint(event.clientX, event.clientY)
    .map((el) => el.closest && el.closest('.fjs-form-field')).find((el) => el);
  const input = field && field.querySelector('input, textarea, select');
  const inputId = input && input.id;
  button.click();
  // once claimed, Tasklist enables the form: put the person in the field they touched
  const started = Date.now();
  const wait = setInterval(() => {
    const claimed = !document.querySelector('.task-details [cam-tasklist-task-meta] button.claim');
    if (claimed || Date.now() - started > 10000) {
      clearInterval(wait);
      claiming = false;
      if (claimed && inputId) {
        setTimeout(() => {
          const again = document.getElementById(inputId);
          if (again && !again.disabled && again.type !== 'radio' && again.type !== 'checkbox') again.focus();
        }, 300);
      }
    }
  }, 200);
}, true);

// ---------------------------------------------------------------------------------------------------- phones
function markOpenTask() {
  const open = !!hashParams().get('task');
  document.documentElement.classList.toggle('healthassist-task-open', open);
  const column = document.querySelector('.task-details > .three-cols-layout-cell.content');
  if (column && !column.querySelector('.healthassist-back')) {
    const back = document.createElement('a');
    back.href = '#';
    back.className = 'healthassist-back';
    back.textContent = '← 返回任务列表';
    back.addEventListener('click', (event) => {
      event.preventDefault();
      const params = hashParams();
      params.delete('task');
      params.delete('detailsTab');
      window.location.hash = '#/?' + params.toString();
    });
    column.insertBefore(back, column.firstChild);
  }
}
window.addEventListener('hashchange', markOpenTask);

// ------------------------------------------------------------------------------------------------- priorities
/**
 * A card's priority in words, not Tasklist's bare number: the engine's default (50) shows nothing; a step the overdue
 * reminder raised (80, reminders/OverdueReminder) shows 已逾期, one the starter's 催办 raised (90) shows 已催办.
 */
export function priorityWords(priority) {
  if (priority >= 90) return '已催办';
  if (priority >= 80) return '已逾期';
  return '';
}

// the number stays Angular's (it may change it); the words are an attribute the styles show in its place
function showPriorities() {
  document.querySelectorAll('.tasks-list .priority').forEach((node) => {
    const words = priorityWords(Number(node.textContent.trim()));
    if (node.getAttribute('data-healthassist-priority') !== words) {
      node.setAttribute('data-healthassist-priority', words);
      if (words) node.removeAttribute('aria-hidden');
      else node.setAttribute('aria-hidden', 'true');
    }
  });
}

// ---------------------------------------------------------------------------------------- keeping it all drawn
let scheduled = false;
new MutationObserver(() => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    if (filters) showCounts();
    else if (filterItems().length) refreshCounts();
    showClaimHint();
    markOpenTask();
    showPriorities();
  });
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

// ----------------------------------------------------------------------------------------------------- search
/**
 * The query for what was typed: an ID number, a business number, or a name. The engine keeps ID numbers masked, so a
 * whole ID number is looked up through the product (GET /api/cases?idNumber=, its keyed index, within the person's
 * jurisdiction): `lookup` holds it, and the query names the cases' process instances found (withCases; Tasklist's filter
 * keeps a process instance list, not a business key list).
 */
export function searchQuery(typed) {
  const text = (typed || '').trim();
  const query = { processVariables: [], taskVariables: [], caseInstanceVariables: [] };
  if (!text) return { query, kind: null };
  const like = (value) => '%' + value.replace(/([\\%_])/g, '\\$1') + '%';
  if (/^\d{17}[\dXx]$/.test(text)) {
    return { query, kind: '身份证号', lookup: text.toUpperCase() };
  }
  if (/^\d{8,17}$/.test(text)) {
    return { query, kind: null, hint: '请输入完整的18位身份证号' };
  }
  if (/^[A-Za-z0-9-]+$/.test(text)) {
    query.processInstanceBusinessKeyLike = like(text.toUpperCase());
    return { query, kind: '业务编号' };
  }
  query.processVariables.push({ name: 'applicantName', operator: 'like', value: like(text) });
  return { query, kind: '申请人' };
}

/** The query limited to these process instances (none found: an id no instance has). */
export function withCases(query, processInstanceIds) {
  return { ...query, processInstanceIdIn: processInstanceIds.length ? processInstanceIds : ['-'] };
}

/** The process instances of the cases of an ID number the person may see (the portal's case search). */
async function casesOf(idNumber) {
  const response = await fetch('/api/cases?size=100&idNumber=' + encodeURIComponent(idNumber),
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return [];
  const page = await response.json();
  return (page.items || []).map((c) => c.processInstanceId);
}

function renderSearch(node, scope) {
  const form = document.createElement('form');
  form.className = 'healthassist-search';
  form.setAttribute('role', 'search');
  const input = document.createElement('input');
  input.type = 'search';
  input.className = 'form-control';
  input.placeholder = '查找：申请人姓名、身份证号或业务编号';
  input.setAttribute('aria-label', '查找任务（申请人姓名、身份证号或业务编号）');
  const find = document.createElement('button');
  find.type = 'submit';
  find.className = 'btn btn-default';
  find.textContent = '查找';
  const status = document.createElement('span');
  status.className = 'healthassist-search-status';
  status.setAttribute('role', 'status');
  form.append(input, find, status);
  node.appendChild(form);

  let last = '';
  function apply() {
    const text = input.value.trim();
    if (text === last) return;
    last = text;
    const { query, kind, lookup, hint } = searchQuery(text);
    status.textContent = kind ? `按${kind}查找“${text}”` : hint || '';
    const data = scope && scope.tasklistData;
    if (!data || hint) return;
    if (lookup) {
      casesOf(lookup).then((keys) => {
        if (last === text) scope.$evalAsync(() => data.set('searchQuery', withCases(query, keys)));
      });
      return;
    }
    scope.$evalAsync(() => data.set('searchQuery', query));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  // an emptied box shows the whole list again
  input.addEventListener('search', apply);
  input.addEventListener('input', () => {
    if (!input.value.trim()) apply();
  });
}

export default [
  {
    id: 'healthassist-search',
    pluginPoint: 'tasklist.list',
    priority: 200,
    render: (node, props, scope) => renderSearch(node, scope)
  }
];

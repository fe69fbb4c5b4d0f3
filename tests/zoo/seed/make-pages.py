#!/usr/bin/env python3
"""make-pages.py -- build the seed HTML fixtures of tests/zoo/seed/.

For each of the five reviewed notices (datasets/raw/<set>.txt, datasets/tasks/<set>.csv)
this writes two pages as a Chinese government website would serve them:

  <set>-utf8.html   UTF-8, <meta charset="utf-8">, modern div layout, the task table as a
                    real <table> with <thead>/<tbody>; its print CSS (A4, borders, narrow
                    columns) is what make-pdfs.sh prints to <set>.pdf.
  <set>-gbk.html    GBK bytes (gb2312 declared on two of them), <meta http-equiv>, old
                    layout: the page is a layout <TABLE>, the task table nests inside it.

and expected.csv (file,seq,name,task_start) for all ten pages and the five PDFs.

The header paragraphs (doc number, title, salutation, body, signature, date) come from the
raw .txt; the table comes from the tasks CSV, cell text exactly the CSV's text, split only
after 。/； (task) or after 、 (units, the 、 stays at the end of its line) into <p>s or
<br>-separated lines, plus &nbsp; padding at cell edges.  Everything else on the page
(site names, navigation, footers, 索引号, publication times) is made up.

Python 3 standard library only; deterministic (no clock, no randomness, sorted output).
Usage: python3 tests/zoo/seed/make-pages.py   (from anywhere)
"""
import csv
import html
import io
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
RAW = os.path.join(ROOT, 'datasets', 'raw')
TASKS = os.path.join(ROOT, 'datasets', 'tasks')

SETS = ['cq-2024', 'cq-2025', 'cq-2026', 'yubei-2025', 'gaoxin-2025']

# ---------------------------------------------------------------------------------------
# Sites (chrome only; identifiers are illustrative)

SITES = {
    'cq': dict(
        name='重庆市人民政府', domain='www.cq.gov.cn', code='5000000095',
        icp='渝ICP备05003300号', police='渝公网安备 50010302000120号',
        host='重庆市人民政府办公厅', maker='重庆市大数据应用发展管理局',
        tel='023-63890000', column='市政府办公厅文件',
        nav=['首页', '要闻动态', '政务公开', '政务服务', '互动交流', '走进重庆', '数据发布'],
        side=['政府文件', '市政府文件', '市政府办公厅文件', '政策解读', '规划信息', '重点民生实事'],
    ),
    'yubei': dict(
        name='重庆市渝北区人民政府', domain='www.ybq.gov.cn', code='5001120003',
        icp='渝ICP备15006288号', police='渝公网安备 50011202500011号',
        host='重庆市渝北区人民政府办公室', maker='重庆市渝北区大数据发展局',
        tel='023-67821000', column='区政府办公室文件',
        nav=['首页', '今日渝北', '政务公开', '政务服务', '政民互动', '魅力渝北'],
        side=['区政府文件', '区政府办公室文件', '部门文件', '政策解读', '民生实事', '建议提案办理'],
    ),
    'gaoxin': dict(
        name='重庆高新技术产业开发区管理委员会', domain='www.cqgxq.gov.cn', code='5000000204',
        icp='渝ICP备2021008617号', police='渝公网安备 50019002500203号',
        host='重庆高新区管委会办公室', maker='重庆高新区大数据发展中心',
        tel='023-65328000', column='管委会办公室文件',
        nav=['首页', '科学城动态', '政务公开', '政务服务', '投资高新', '互动交流'],
        side=['党工委管委会文件', '管委会办公室文件', '部门文件', '政策解读', '民生实事', '财政信息'],
    ),
}

# ---------------------------------------------------------------------------------------
# Per-set table layouts: column headers as printed in the notice, CSV key, print width (%).

COLUMNS = {
    'cq-2024': [('序号', 'seq', 6), ('项目名称', 'name', 17), ('责任单位', 'units', 14),
                ('2024年工作任务', 'task', 55), ('备注', 'note', 8)],
    'cq-2025': [('序号', 'seq', 6), ('项目名称', 'name', 17), ('责任单位', 'units', 14),
                ('2025年工作任务', 'task', 63)],
    'cq-2026': [('序号', 'seq', 6), ('项目名称', 'name', 16), ('责任单位', 'units', 14),
                ('2026年工作任务', 'task', 64)],
    'yubei-2025': [('序号', 'seq', 5), ('项目名称', 'name', 10), ('牵头单位', 'lead', 9),
                   ('责任单位', 'units', 12), ('区级支撑项目及绩效目标', 'task', 45),
                   ('完成时限', 'deadline', 9), ('备注', 'note', 10)],
    'gaoxin-2025': [('序号', 'seq', 6), ('市区分级', 'section', 8), ('项目名称', 'name', 15),
                    ('责任单位', 'units', 13), ('2025年工作任务', 'task', 58)],
}

META = {  # made-up publication data for the article info line and 政务公开 info table
    'cq-2024': dict(site='cq', pub='2024-03-01 17:05', index='11500000MB1503958C/2024-00031',
                    topic='综合政务\\其他'),
    'cq-2025': dict(site='cq', pub='2025-03-24 16:30', index='11500000MB1503958C/2025-00027',
                    topic='综合政务\\其他'),
    'cq-2026': dict(site='cq', pub='2026-03-12 10:15', index='11500000MB1503958C/2026-00019',
                    topic='综合政务\\其他'),
    'yubei-2025': dict(site='yubei', pub='2025-03-25 09:40', index='11500112009212436F/2025-00088',
                       topic='综合政务'),
    'gaoxin-2025': dict(site='gaoxin', pub='2025-07-08 15:22', index='11500000MB1A24981X/2025-00142',
                        topic='城乡建设、环境保护'),
}

YUBEI_SECTIONS = ['市分解到区的民生实事', '区人大票决重点民生实事', '其他区级重点民生实事']
CN_NUM = '一二三四五六七八九十'

# ---------------------------------------------------------------------------------------
# Reading the notice header from the raw text


def tidy(s):
    """One raw line: drop the spaces a PDF converter puts around digits in Chinese text."""
    s = s.replace('\u2002', ' ').replace('\u3000', ' ').replace('\t', ' ').strip()
    s = re.sub(r'(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])', '', s)
    return s.replace('(', '（').replace(')', '）')


def parse_notice(text):
    lines = [tidy(l) for l in text.splitlines()]
    end = next(i for i, l in enumerate(lines) if '此件公开发布' in l)
    head = [l for l in lines[:end + 1] if l]
    docno = next(l for l in head if re.fullmatch(r'\S+〔\d{4}〕\d+号', l))
    ti = next(i for i, l in enumerate(head) if l.endswith('通知'))        # title ends the 通知
    si = next(i for i, l in enumerate(head) if i > ti and l.endswith('：'))  # salutation may wrap
    di = next(i for i, l in enumerate(head) if re.fullmatch(r'\d{4}年\d{1,2}月\d{1,2}日', l))
    title = ''.join(l for l in head[:ti + 1] if l != docno)
    salute = ''.join(l for l in head[ti + 1:si + 1] if l != docno)
    body, cur = [], ''
    for l in head[si + 1:di - 1]:
        if l.startswith('附件') or (re.match(r'\d+\.', l) and body and body[-1][0] == 'att'):
            if cur:
                body.append(('p', cur))
                cur = ''
            body.append(('att', l))
            continue
        cur += l
        if cur.endswith('。') or cur.endswith('：'):
            body.append(('p', cur))
            cur = ''
    if cur:
        body.append(('p', cur))
    caption = []
    for l in lines[end + 1:]:
        if l.startswith('序号'):
            break
        if l:
            caption.append(l)
    return dict(docno=docno, title=title, salute=salute, body=body,
                issuer=head[di - 1], date=head[di], public=lines[end], caption=caption)


def read_rows(name):
    with open(os.path.join(TASKS, name + '.csv'), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))

# ---------------------------------------------------------------------------------------
# Splitting cell text (every split must concatenate back to the CSV text)


def split_sentences(s, marks='。；'):
    parts = re.findall(r'[^%s]*[%s]|[^%s]+$' % (marks, marks, marks), s)
    assert ''.join(parts) == s, s
    return parts


def split_units(s):
    parts = re.findall(r'[^、]+、?', s)
    assert ''.join(parts) == s, s
    return parts


def split_lead(s):
    """Yubei 牵头单位 printed on two lines where two units were joined: 区住房城乡建委 / 区城管局."""
    parts = re.split(r'(?<=[委局])(?=区)', s)
    assert ''.join(parts) == s, s
    return parts


def printed_seq(seq):
    return re.sub(r'^[A-Z]', '', seq)

# ---------------------------------------------------------------------------------------
# Text to HTML


def esc(s, ents=None, digits=None):
    """Escape text; ents maps characters to entity names; digits wraps ASCII number runs
    in a Word-style <span lang="EN-US"> (before the entities go in, so &#...; is untouched)."""
    s = html.escape(s, quote=False)
    if digits:
        s = re.sub(r'[0-9][0-9.%]*', lambda m: digits % m.group(0), s)
    for ch, ent in (ents or {}).items():
        s = s.replace(ch, ent)
    return s


class Tags:
    """Emit tag names in lower or upper case (old pages mix them)."""

    def __init__(self, upper):
        self.upper = upper

    def __call__(self, name):
        return name.upper() if self.upper else name


CURLY = {'“': '&ldquo;', '”': '&rdquo;'}
CURLY_MORE = {'“': '&ldquo;', '”': '&rdquo;', '—': '&mdash;', '·': '&middot;', '㎡': '&#13217;'}
CURLY_NUM = {'“': '&#8220;', '”': '&#8221;'}

# ---------------------------------------------------------------------------------------
# The task table


def cell_html(pieces, mode, t, ents, p_attr='', span=None, digits=None, pad=False):
    """pieces: the cell's lines.  mode: 'p' one <p> per line, 'br' lines joined by <br>
    inside one <p>, 'bare' lines joined by <br> without <p>."""
    def fmt(x):
        s = esc(x, ents, digits)
        if span:
            s = span % s
        return s
    if mode == 'p':
        out = ''.join('<%s%s>%s</%s>' % (t('p'), p_attr, fmt(x), t('p')) for x in pieces)
    elif mode == 'br':
        out = '<%s%s>%s</%s>' % (t('p'), p_attr, ('<%s>' % t('br')).join(fmt(x) for x in pieces), t('p'))
    else:
        out = ('<%s>' % t('br')).join(fmt(x) for x in pieces)
    if pad:
        out = '&nbsp;' + out + '&nbsp;'
    return out


def table_html(setname, rows, o):
    """o: options of one page (see PAGES)."""
    cols = COLUMNS[setname]
    t = Tags(o.get('upper', False))
    ents = o.get('ents', {})
    nl = '\n'
    ind = o.get('indent', '')
    out = []
    tattr = o.get('table_attr', '')
    out.append('%s<%s%s>' % (ind, t('table'), tattr))
    if o.get('colgroup'):
        out.append('%s<colgroup>%s</colgroup>' % (ind, ''.join(
            '<col style="width:%d%%">' % w for _, _, w in cols)))
    # header row
    if o.get('thead'):
        out.append('%s<thead>' % ind)
        out.append('%s<tr>' % ind)
        for head, key, w in cols:
            out.append('%s  <th scope="col"><p>%s</p></th>' % (ind, esc(head)))
        out.append('%s</tr>' % ind)
        out.append('%s</thead>' % ind)
        out.append('%s<tbody>' % ind)
    else:
        out.append('%s<%s>' % (ind, t('tr')))
        for head, key, w in cols:
            wid = ' %s=%d' % (t('width'), round(w * 6.4)) if o.get('td_width') else ''
            out.append('%s  <%s%s %s=center><%s align=center><%s>%s</%s></%s></%s>' % (
                ind, t('td'), wid, t('align'), t('p'), t('b'), esc(head), t('b'), t('p'), t('td')))
        out.append('%s</%s>' % (ind, t('tr')))
    # rows
    ncols = len(cols)
    prev_section = None
    groups = {}
    for r in rows:
        groups[r['section']] = groups.get(r['section'], 0) + 1
    for r in rows:
        if setname.startswith('yubei') and r['section'] != prev_section:
            k = YUBEI_SECTIONS.index(r['section'])
            head = '%s、%s（共%d项）' % (CN_NUM[k], r['section'], groups[r['section']])
            if o.get('section_style') == 'split':       # Word's layout: heading + one empty cell
                out.append('%s<%s><%s %s="%d" %s=left><%s>%s</%s></%s><%s>&nbsp;</%s></%s>' % (
                    ind, t('tr'), t('td'), t('colspan'), ncols - 1, t('align'), t('p'),
                    esc(head, ents), t('p'), t('td'), t('td'), t('td'), t('tr')))
            else:
                out.append('%s<tr class="section"><td colspan="%d" style="text-align:left;font-weight:bold">%s</td></tr>' % (
                    ind, ncols, esc(head, ents)))
        first_of_group = r['section'] != prev_section
        prev_section = r['section']
        out.append('%s<%s>' % (ind, t('tr')))
        for head, key, w in cols:
            val = r[key] if key not in ('lead', 'units') else None
            if key == 'section':
                if not first_of_group:
                    continue                      # covered by the rowspan above
                pieces = o['section_pieces'](val)
                out.append('%s  <%s %s="%d" %s>%s</%s>' % (
                    ind, t('td'), t('rowspan'), groups[val], o.get('center', 'align="center"'),
                    cell_html(pieces, o.get('section_mode', 'p'), t, ents, o.get('p_center', '')),
                    t('td')))
                continue
            if key == 'seq':
                pieces = [printed_seq(val)]
                mode, pa, pad = o.get('seq_mode', 'p'), o.get('p_center', ''), o.get('seq_pad', False)
                attr = o.get('center', 'align="center"')
            elif key == 'name':
                pieces, mode, pa, pad = [val], o.get('name_mode', 'p'), o.get('p_center', ''), False
                attr = o.get('center', 'align="center"')
            elif key in ('lead', 'units'):
                if setname.startswith('yubei'):
                    lead, units = r['units'].split(' | ')
                    val = lead if key == 'lead' else units
                else:
                    val = r['units']
                if key == 'lead':
                    pieces = split_lead(val)
                    mode = o.get('lead_mode', 'br')
                else:
                    pieces = o['units_pieces'](val)
                    mode = o.get('units_mode', 'p')
                pa, pad = o.get('p_center', ''), False
                attr = o.get('center', 'align="center"')
            elif key == 'task':
                pieces = o['task_pieces'](r, val)
                mode, pa, pad = o.get('task_mode', 'p'), o.get('p_left', ''), False
                attr = o.get('left', '')
            else:                                   # deadline, note
                pieces = [val] if val else []
                mode, pa, pad = 'p', o.get('p_center', ''), False
                attr = o.get('center', 'align="center"')
            if pieces:
                inner = cell_html(pieces, mode, t, ents, pa, o.get('span'), o.get('digits'), pad)
            else:
                inner = o.get('empty', '&nbsp;')
            wid = ' %s=%d' % (t('width'), round(w * 6.4)) if o.get('td_width') else ''
            out.append('%s  <%s%s%s>%s</%s>' % (ind, t('td'), wid, (' ' + attr) if attr else '',
                                                inner, t('td')))
        out.append('%s</%s>' % (ind, t('tr')))
    if o.get('thead'):
        out.append('%s</tbody>' % ind)
    out.append('%s</%s>' % (ind, t('table')))
    return nl.join(out)

# ---------------------------------------------------------------------------------------
# Page chrome

MODERN_CSS = '''
* { box-sizing: border-box; }
body { margin: 0; color: #333; font-size: 14px;
       font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; }
a { color: #333; text-decoration: none; }
ul { list-style: none; margin: 0; padding: 0; }
.w1200 { width: 1200px; margin: 0 auto; }
.top-bar { background: #f5f5f5; border-bottom: 1px solid #e5e5e5; font-size: 12px; line-height: 30px; }
.top-bar .r { float: right; } .top-bar .r a { margin-left: 14px; }
.header { height: 96px; background: #b81c22; color: #fff; }
.header .logo { float: left; font-size: 30px; font-weight: bold; line-height: 96px; letter-spacing: 2px; }
.header .search { float: right; margin-top: 30px; }
.header .search input { width: 240px; height: 34px; border: 0; padding: 0 8px; }
.header .search button { height: 34px; border: 0; background: #8e0f14; color: #fff; }
.nav { background: #9d1419; }
.nav li { display: inline-block; } .nav li a { display: block; padding: 0 26px; line-height: 46px; color: #fff; font-size: 16px; }
.nav li.on a { background: #7a0c10; }
.crumb { line-height: 44px; color: #666; } .crumb a { color: #666; }
.zwgk-info { width: 100%; border-collapse: collapse; background: #fafafa; margin-bottom: 20px; font-size: 13px; }
.zwgk-info th, .zwgk-info td { border: 1px solid #e0e0e0; padding: 6px 10px; text-align: left; }
.zwgk-info th { width: 12%; color: #666; font-weight: normal; background: #f2f2f2; white-space: nowrap; }
.article { padding: 20px 40px 40px; border: 1px solid #eee; }
.article h1 { font-size: 26px; color: #222; text-align: center; line-height: 1.5; margin: 10px 0 16px; }
.art-info { text-align: center; color: #888; font-size: 13px; border-bottom: 1px dashed #ddd; padding-bottom: 12px; }
.art-info span { margin: 0 10px; }
.share a { display: inline-block; padding: 0 6px; border-radius: 3px; background: #eee; }
.view { font-size: 16px; line-height: 2; padding-top: 20px; font-family: "FangSong", "仿宋_GB2312", "仿宋", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
.view p { margin: 0; text-indent: 2em; }
.view p.docno, .view p.title2, .view p.fj-title { text-align: center; text-indent: 0; }
.view p.salute, .view p.fj { text-indent: 0; }
.view p.sign, .view p.date { text-align: right; text-indent: 0; padding-right: 3em; }
.view p.fj-title { font-size: 20px; font-weight: bold; margin: 8px 0; font-family: "SimHei", "黑体", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
table.data-table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 10px 0 20px;
                   font-size: 14px; line-height: 1.6; }
table.data-table th, table.data-table td { border: 1px solid #000; padding: 4px 5px;
                   vertical-align: middle; word-break: break-all; overflow-wrap: anywhere; }
table.data-table th { font-family: "SimHei", "黑体", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; background: #fff; }
table.data-table p { margin: 0; text-indent: 0; }
table.data-table tr.section td { font-family: "SimHei", "黑体", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
.art-tools { text-align: right; color: #666; margin-top: 20px; } .art-tools a { margin-left: 8px; }
.related { margin-top: 24px; border-top: 2px solid #b81c22; padding-top: 10px; }
.related li { line-height: 30px; }
.footer { margin-top: 30px; background: #2b2b2b; color: #bbb; font-size: 13px; text-align: center; padding: 16px 0; line-height: 26px; }
.footer a { color: #bbb; margin: 0 8px; }
.clearfix:after { content: ""; display: block; clear: both; }
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
@media print {
  .w1200 { width: auto; }
  .header { height: auto; } .header .logo { line-height: 1.6; font-size: 22px; float: none; }
  .header .search { display: none; }
  .nav li a { padding: 0 10px; line-height: 30px; font-size: 13px; }
  .article { padding: 0; border: 0; }
  .view { font-size: 14px; line-height: 1.7; }
  table.data-table { font-size: 12px; line-height: 1.5; }
  table.data-table thead { display: table-header-group; }
  .footer { background: #fff; color: #555; border-top: 1px solid #999; }
  .footer a { color: #555; }
  /* no synthetic bold in print: the only CJK font has no bold face, and Skia draws fake
     bold as Type 3 glyphs (large PDFs) */
  * { font-weight: normal !important; }
}
'''

MODERN_SCRIPT_HEAD = '''
var siteConfig = { siteId: "%(code)s", column: "%(column)s", pubDate: "%(pub)s" };
function fontZoom(size) {
  var box = document.getElementById("zoom");
  if (!box) { return; }
  var ps = box.getElementsByTagName("p");
  for (var i = 0; i < ps.length && i < 2000; i++) { ps[i].style.fontSize = size + "px"; }
}
function shareTo(kind) {
  var url = encodeURIComponent(location.href), title = encodeURIComponent(document.title);
  if (kind === "weibo") {
    window.open("https://service.weibo.com/share/share.php?url=" + url + "&title=" + title);
  } else if (kind === "wechat") {
    var box = document.getElementById("qrbox");
    box.innerHTML = '<div class="qr-tip"><p>打开微信，点击底部的&ldquo;发现&rdquo;，</p><p>使用&ldquo;扫一扫&rdquo;即可将网页分享至朋友圈。</p></div>';
    box.style.display = (box.style.display === "block") ? "none" : "block";
  }
}
'''

MODERN_SCRIPT_FOOT = '''
(function () {
  var links = document.querySelectorAll(".nav li a");
  for (var i = 0; i < links.length; i++) {
    if (links[i].getAttribute("data-col") === siteConfig.column && i > 0) { links[i].parentNode.className = "on"; }
  }
  var tables = document.querySelectorAll("#zoom table");
  for (var j = 0; j < tables.length; j++) { if (tables[j].rows.length > 0 && tables[j].offsetWidth > 1200) { tables[j].style.width = "100%%"; } }
})();
'''


def header_html(n, ents, t, style):
    """The notice's own text as <p>s (modern) or <P>s (old)."""
    e = lambda s: esc(s, ents)
    out = []
    if style == 'modern':
        out.append('<p class="docno">%s</p>' % e(n['docno']))
        out.append('<p class="salute">%s</p>' % e(n['salute']))
        for kind, text in n['body']:
            out.append('<p class="fj">%s</p>' % e(text) if kind == 'att' else '<p>%s</p>' % e(text))
        out.append('<p class="sign">%s</p>' % e(n['issuer']))
        out.append('<p class="date">%s</p>' % e(n['date']))
        out.append('<p style="text-indent:2em">%s</p>' % e(n['public']))
        for i, c in enumerate(n['caption']):
            cls = 'fj-title' if i == len(n['caption']) - 1 else 'fj'
            out.append('<p class="%s">%s</p>' % (cls, e(c)))
    else:
        P = t('p')
        out.append('<%s align=center>%s</%s>' % (P, e(n['docno']), P))
        out.append('<%s>%s</%s>' % (P, e(n['salute']), P))
        for kind, text in n['body']:
            pre = '' if kind == 'att' else '　　'
            out.append('<%s>%s%s</%s>' % (P, pre, e(text), P))
        out.append('<%s align=right>%s&nbsp;&nbsp;&nbsp;&nbsp;</%s>' % (P, e(n['issuer']), P))
        out.append('<%s align=right>%s&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</%s>' % (P, e(n['date']), P))
        out.append('<%s>　　%s</%s>' % (P, e(n['public']), P))
        for i, c in enumerate(n['caption']):
            if i == len(n['caption']) - 1:
                out.append('<%s align=center><%s face="黑体" size=4><%s>%s</%s></%s></%s>' % (
                    P, t('font'), t('b'), e(c), t('b'), t('font'), P))
            else:
                out.append('<%s>%s</%s>' % (P, e(c), P))
    return '\n'.join(out)


def modern_page(setname, n, rows, o):
    m = META[setname]
    s = SITES[m['site']]
    ents = o.get('ents', {})
    title = n['title']
    d = dict(s, pub=m['pub'], title=esc(title, ents), plain_title=html.escape(title))
    nav = '\n'.join('      <li%s><a href="../../%s/" data-col="%s">%s</a></li>' % (
        ' class="on"' if x == '政务公开' else '', 'index' if i == 0 else 'col%d' % i, x, x)
        for i, x in enumerate(s['nav']))
    info = ''
    if o.get('info_table'):
        info = '''
    <table class="zwgk-info">
      <tr><th>索&nbsp;引&nbsp;号：</th><td>%s</td><th>主题分类：</th><td>%s</td></tr>
      <tr><th>发文机关：</th><td>%s</td><th>成文日期：</th><td>%s</td></tr>
      <tr><th>标&nbsp;&nbsp;&nbsp;&nbsp;题：</th><td colspan="3">%s</td></tr>
      <tr><th>发文字号：</th><td>%s</td><th>发布日期：</th><td>%s</td></tr>
      <tr><th>有&nbsp;效&nbsp;性：</th><td>有效</td><th>体裁分类：</th><td>通知</td></tr>
    </table>''' % (m['index'], esc(m['topic']), esc(n['issuer']), esc(n['date']), d['title'],
                   esc(n['docno']), m['pub'][:10])
    table = table_html(setname, rows, o)
    extra = o.get('after_table', lambda: '')()
    body = header_html(n, ents, Tags(False), 'modern')
    page = '''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%(plain_title)s_%(column)s_%(name)s</title>
<meta name="SiteName" content="%(name)s">
<meta name="SiteDomain" content="%(domain)s">
<meta name="SiteIDCode" content="%(code)s">
<meta name="ColumnName" content="%(column)s">
<meta name="ColumnType" content="政府文件">
<meta name="ArticleTitle" content="%(plain_title)s">
<meta name="PubDate" content="%(pub)s">
<meta name="ContentSource" content="%(host)s">
<meta name="Keywords" content="重点民生实事,工作目标任务">
<style type="text/css">%(css)s</style>
<script type="text/javascript">%(script)s</script>
</head>
<body>
<div class="top-bar"><div class="w1200 clearfix">
  <span class="l">欢迎访问%(name)s门户网站</span>
  <span class="r"><a href="javascript:void(0)">无障碍浏览</a><a href="javascript:void(0)">长者模式</a><a href="../../en/">English</a><a href="../../login/">登录</a></span>
</div></div>
<div class="header"><div class="w1200 clearfix">
  <div class="logo">%(name)s</div>
  <div class="search"><form action="../../search/" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
</div></div>
<div class="nav"><div class="w1200">
  <ul class="clearfix">
%(nav)s
  </ul>
</div></div>
<div class="w1200">
  <div class="crumb">当前位置：<a href="../../index/">首页</a> &gt; <a href="../../zwgk/">政务公开</a> &gt; <a href="../">政府文件</a> &gt; <span>%(column)s</span></div>
  <div class="article">%(info)s
    <h1>%(title)s</h1>
    <div class="art-info">
      <span>发布时间：%(pub)s</span>
      <span>来源：%(host)s</span>
      <span>字号：<a href="javascript:fontZoom(18)">大</a> <a href="javascript:fontZoom(16)">中</a> <a href="javascript:fontZoom(14)">小</a></span>
      <span class="share">分享到：<a href="javascript:shareTo('wechat')" class="wx">微信</a> <a href="javascript:shareTo('weibo')" class="wb">微博</a></span>
      <div id="qrbox" style="display:none"></div>
    </div>
    <div class="view TRS_UEDITOR trs_paper_default trs_word" id="zoom">
%(body)s
%(table)s%(extra)s
    </div>
    <div class="art-tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    <div class="related">
      <h3>相关链接</h3>
      <ul>
        <li><a href="../../zcjd/">【政策解读】%(plain_title)s</a></li>
        <li><a href="../../msss/">重点民生实事专栏</a></li>
      </ul>
    </div>
  </div>
</div>
<div class="footer">
  <p><a href="../../sitemap/">网站地图</a>|<a href="../../contact/">联系我们</a>|<a href="../../help/">使用帮助</a>|<a href="../../privacy/">隐私声明</a></p>
  <p>主办单位：%(host)s&nbsp;&nbsp;承办单位：%(maker)s&nbsp;&nbsp;联系电话：%(tel)s</p>
  <p>网站标识码：%(code)s&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">%(icp)s</a>&nbsp;&nbsp;%(police)s</p>
</div>
<script type="text/javascript">%(script2)s</script>
</body>
</html>
''' % dict(d, css=MODERN_CSS, script=MODERN_SCRIPT_HEAD % dict(d, pub=m['pub']), nav=nav, info=info,
           body=body, table=table, extra=extra, script2=MODERN_SCRIPT_FOOT)
    return page


OLD_CSS = '''
<!--
BODY { margin: 0px; font-size: 12px; font-family: 宋体; }
TD { font-size: 12px; line-height: 20px; }
A:link, A:visited { color: #003366; text-decoration: none; }
A:hover { color: #cc0000; text-decoration: underline; }
.banner { background-color: #c00000; color: #ffffff; }
.menu { background-color: #990000; color: #ffffff; height: 28px; }
.menu A { color: #ffffff; }
.left TD { border-bottom: 1px dotted #cccccc; }
.title { font-size: 20px; font-weight: bold; color: #000000; line-height: 36px; }
.content { font-size: 14px; line-height: 26px; }
.content P { margin-top: 0px; margin-bottom: 0px; }
.foot { background-color: #eeeeee; color: #666666; line-height: 22px; }
-->
'''

OLD_SCRIPT = '''
<!--
var pageDate = "%(pub)s";
function doZoom(size) {
  var zoom = document.getElementById("zoom");
  if (zoom == null) return;
  zoom.style.fontSize = size + "px";
  var tds = zoom.getElementsByTagName("TD");
  for (var i = 0; i < tds.length && size > 0; i++) { tds[i].style.fontSize = size + "px"; }
}
function share(t) {
  var u = escape(document.location.href), ti = escape(document.title);
  if (t == 1) { window.open("http://v.t.sina.com.cn/share/share.php?url=" + u + "&title=" + ti, "_blank"); }
  else { document.getElementById("wxbox").innerHTML = "<TABLE><TR><TD>用微信扫描二维码</TD></TR></TABLE>"; }
}
//-->
'''


def old_page(setname, n, rows, o):
    m = META[setname]
    s = SITES[m['site']]
    ents = o.get('ents', {})
    t = Tags(True)
    charset = o['charset']
    title = esc(n['title'], ents)
    menu = '&nbsp;|&nbsp;'.join('<A href="/%s/">%s</A>' % ('index' if i == 0 else 'col%d' % i, x)
                                for i, x in enumerate(s['nav']))
    side = '\n'.join('          <TR><TD height=26>&nbsp;■&nbsp;<A href="/zwgk/%d/">%s</A></TD></TR>' % (i, x)
                     for i, x in enumerate(s['side']))
    body = header_html(n, ents, t, 'old')
    o2 = dict(o, indent='              ')
    table = table_html(setname, rows, o2)
    extra = o.get('after_table', lambda: '')()
    pub = m['pub']
    return '''<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<META http-equiv="Content-Type" content="text/html; charset=%(charset)s">
<TITLE>%(title)s</TITLE>
<META name="keywords" content="%(name)s,政府文件,重点民生实事">
<META name="description" content="%(title)s">
<STYLE type=text/css>%(css)s</STYLE>
<SCRIPT language=javascript type=text/javascript>%(script)s</SCRIPT>
</HEAD>
<BODY leftMargin=0 topMargin=0 marginheight=0 marginwidth=0>
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
  <TR>
    <TD class=banner height=90 colSpan=2>&nbsp;&nbsp;<FONT face=黑体 size=6>%(name)s</FONT>&nbsp;&nbsp;<FONT size=2>%(domain)s</FONT></TD>
  </TR>
  <TR>
    <TD class=menu align=center colSpan=2>%(menu)s</TD>
  </TR>
  <TR>
    <TD class=left vAlign=top width=200 bgColor=#f7f7f7>
      <TABLE cellSpacing=0 cellPadding=0 width="100%%" border=0>
        <TR><TD height=32 bgColor=#cc0000><FONT color=#ffffff><B>&nbsp;政务公开</B></FONT></TD></TR>
%(side)s
      </TABLE>
    </TD>
    <TD vAlign=top width=800>
      <TABLE cellSpacing=0 cellPadding=0 width="100%%" border=0>
        <TR><TD height=30>&nbsp;当前位置：<A href="/index/">首页</A> &gt; <A href="/zwgk/">政务公开</A> &gt; <A href="/zwgk/zfwj/">政府文件</A></TD></TR>
      </TABLE>
      <TABLE cellSpacing=0 cellPadding=0 width="96%%" align=center border=0>
        <TR><TD class=title align=center>%(title)s</TD></TR>
        <TR><TD align=center height=30 style="border-bottom:1px solid #cccccc"><FONT color=#666666>发布时间：%(pub)s&nbsp;&nbsp;&nbsp;来源：%(host)s&nbsp;&nbsp;&nbsp;字号：[<A href="javascript:doZoom(16)">大</A> <A href="javascript:doZoom(14)">中</A> <A href="javascript:doZoom(12)">小</A>]&nbsp;&nbsp;&nbsp;分享到：<A href="javascript:share(0)">微信</A> <A href="javascript:share(1)">微博</A></FONT><SPAN id=wxbox></SPAN></TD></TR>
        <TR>
          <TD class=content id=zoom>
%(body)s
%(table)s%(extra)s
          </TD>
        </TR>
        <TR><TD align=right height=40>【<A href="javascript:window.print()">打印</A>】【<A href="javascript:window.close()">关闭</A>】</TD></TR>
      </TABLE>
    </TD>
  </TR>
  <TR>
    <TD class=foot align=center colSpan=2>
      <A href="/sitemap/">网站地图</A> | <A href="/contact/">联系我们</A> | <A href="/help/">使用帮助</A><BR>
      主办单位：%(host)s&nbsp;&nbsp;承办：%(maker)s&nbsp;&nbsp;电话：%(tel)s<BR>
      网站标识码：%(code)s&nbsp;&nbsp;<A href="http://beian.miit.gov.cn/">%(icp)s</A>&nbsp;&nbsp;%(police)s
    </TD>
  </TR>
</TABLE>
</BODY>
</HTML>
''' % dict(s, charset=charset, title=title, css=OLD_CSS, script=OLD_SCRIPT % dict(pub=pub),
           menu=menu, side=side, body=body, table=table, extra=extra, pub=pub)

# ---------------------------------------------------------------------------------------
# Per-page options


def one(r, s):
    return [s]


def unit_one(s):
    return [s]


def sentences_p(r, s):
    return split_sentences(s)


def units_long_p(s):
    """Long unit lists one per line (the 、 stays at the end of its line)."""
    return split_units(s) if s.count('、') >= 2 else [s]


def units_all_p(s):
    return split_units(s)


def yubei_attachment2(upper):
    """Yubei's 附件2: an empty progress-report form (a second table with no items)."""
    t = Tags(upper)
    heads = ['序号', '项目名称', '牵头单位', '目标任务', '工作进展', '完成投资', '存在的问题',
             '下一步工作及建议', '责任人及联系方式']
    tr, td, p = t('tr'), t('td'), t('p')
    rows = ['<%s>%s</%s>' % (tr, ''.join('<%s><%s>%s</%s></%s>' % (td, p, h, p, td) for h in heads), tr)]
    for _ in range(2):
        rows.append('<%s>%s</%s>' % (tr, ''.join('<%s>&nbsp;</%s>' % (td, td) for h in heads), tr))
    return '''
<%(p)s class="fj">附件2</%(p)s>
<%(p)s class="fj-title" align=center>渝北区2025年重点民生实事工作目标任务推进落实情况表</%(p)s>
<%(table)s class="data-table form" border=1 cellspacing=0 cellpadding=0 width="100%%">
%(rows)s
</%(table)s>
<%(p)s>单位主要负责人：&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;填表人：</%(p)s>''' % dict(
        p=p, table=t('table'), rows='\n'.join(rows))


MSO_SPAN = '<span style="font-size:12.0pt;font-family:方正仿宋_GBK">%s</span>'
MSO_DIGITS = '<span lang="EN-US" style="font-family:\'Times New Roman\'">%s</span>'

PAGES = {
    # ----- UTF-8, modern ------------------------------------------------------------
    'cq-2024-utf8.html': dict(
        kind='modern', info_table=True, thead=True, colgroup=True,
        table_attr=' class="data-table" border="1" cellspacing="0" cellpadding="0"',
        ents=CURLY, seq_pad=True, p_center=' style="text-align:center"',
        units_pieces=units_all_p, units_mode='p',            # every unit on its own line
        task_pieces=one, task_mode='p', empty='&nbsp;'),
    'cq-2025-utf8.html': dict(
        kind='modern', info_table=False, thead=True, colgroup=True,
        table_attr=' class="data-table MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none"',
        ents=CURLY,
        center='valign="center" style="border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"',
        left='valign="center" style="border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"',
        p_center=' class="MsoNormal" align="center" style="text-align:center;line-height:20.0pt"',
        p_left=' class="MsoNormal" align="left" style="text-align:justify;line-height:20.0pt"',
        span=MSO_SPAN, digits=MSO_DIGITS,
        units_pieces=units_long_p, units_mode='p',
        task_pieces=sentences_p, task_mode='p'),            # a task over several <p>s
    'cq-2026-utf8.html': dict(
        kind='modern', info_table=True, thead=True, colgroup=True,
        table_attr=' class="data-table" border="1" cellspacing="0"',
        ents=CURLY, seq_mode='bare', name_mode='bare', p_center='',
        center='style="text-align:center"',
        units_pieces=unit_one, units_mode='p',
        task_pieces=sentences_p, task_mode='p',
        p_left=' style="text-align:justify"'),
    'yubei-2025-utf8.html': dict(
        kind='modern', info_table=True, thead=True, colgroup=True,
        table_attr=' class="data-table" border="1" cellspacing="0" cellpadding="2"',
        ents=CURLY_MORE, seq_pad=True, p_center=' align="center"',
        lead_mode='br', units_pieces=units_long_p, units_mode='p',
        task_pieces=sentences_p, task_mode='br',            # lines split at 。/；, <br> between
        after_table=lambda: yubei_attachment2(False)),
    'gaoxin-2025-utf8.html': dict(
        kind='modern', info_table=False, thead=True, colgroup=True,
        table_attr=' class="data-table" border="1" cellspacing="0" cellpadding="0"',
        ents=CURLY, p_center=' style="text-align:center"',
        section_pieces=lambda s: [s], section_mode='p',
        units_pieces=units_all_p, units_mode='br',           # 改革发展局、<br>公共服务局
        task_pieces=one, task_mode='p'),
    # ----- GBK / GB2312, old layout tables -------------------------------------------
    'cq-2024-gbk.html': dict(
        kind='old', charset='gbk', upper=True, td_width=True,
        table_attr=' border=1 cellSpacing=0 cellPadding=4 width="100%" bordercolor=#000000 style="BORDER-COLLAPSE: collapse"',
        center='align=center', left='align=left', p_center=' align=center', p_left='',
        span='<FONT face=仿宋_GB2312 size=3>%s</FONT>',
        units_pieces=units_long_p, units_mode='br',
        task_pieces=sentences_p, task_mode='p'),
    'cq-2025-gbk.html': dict(
        kind='old', charset='gbk', upper=False, td_width=True,
        table_attr=' border="1" cellspacing="0" cellpadding="3" width="100%"',
        center='align="center" valign="middle"', left='valign="middle"', p_center=' align="center"',
        units_pieces=units_all_p, units_mode='p',
        task_pieces=one, task_mode='bare'),
    'cq-2026-gbk.html': dict(
        kind='old', charset='gb2312', upper=True, td_width=False,
        table_attr=' border=1 cellSpacing=0 cellPadding=0 width=760 align=center',
        center='align=center', left='', p_center='', p_left=' style="TEXT-INDENT: 0px"',
        seq_pad=True, span='<FONT size=2>%s</FONT>',
        units_pieces=units_long_p, units_mode='bare',
        task_pieces=sentences_p, task_mode='br'),
    'yubei-2025-gbk.html': dict(
        kind='old', charset='gb2312', upper=True, td_width=True,   # declared gb2312, has GBK-only ㎡
        table_attr=' border=1 cellSpacing=0 cellPadding=2 width="100%"',
        center='align=center', left='', p_center=' align=center', p_left='',
        section_style='split', lead_mode='p',
        units_pieces=units_long_p, units_mode='p',
        task_pieces=sentences_p, task_mode='p',
        after_table=lambda: yubei_attachment2(True)),
    'gaoxin-2025-gbk.html': dict(
        kind='old', charset='gbk', upper=True, td_width=True,
        table_attr=' border=1 cellSpacing=0 cellPadding=3 width="100%"',
        ents=CURLY_NUM, center='align=center', left='', p_center=' align=center', p_left='',
        section_pieces=lambda s: [s[:4], s[4:]], section_mode='br',   # 市级民生<BR>实事
        units_pieces=units_long_p, units_mode='br',
        task_pieces=sentences_p, task_mode='p'),
}


# ---------------------------------------------------------------------------------------
# Self-check: read every page back (html.parser, rowspan/colspan expanded, the lines of a
# cell concatenated, &nbsp;/white space trimmed at the cell's edges) and compare with the CSV.

from html.parser import HTMLParser


class TableGrab(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'table':
            self.stack.append([])
            self.tables.append(self.stack[-1])
        elif not self.stack:
            return
        elif tag == 'tr':
            self.stack[-1].append([])
        elif tag in ('td', 'th') and self.stack[-1]:
            self.stack[-1][-1].append([[], int(a.get('rowspan') or 1), int(a.get('colspan') or 1)])

    def handle_endtag(self, tag):
        if tag == 'table' and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] and self.stack[-1][-1]:
            self.stack[-1][-1][-1][0].append(data)


def grid(table):
    out, pending = [], {}           # pending[col] = (text, rows left)
    for tr in table:
        row, col, cells = [], 0, list(tr)
        while cells or col in pending:
            if col in pending:
                text, left = pending.pop(col)
                row.append(text)
                if left > 1:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            parts, rs, cs = cells.pop(0)
            text = ''.join(parts).strip(' \t\r\n\xa0')
            for k in range(cs):
                row.append(text)
                if rs > 1:
                    pending[col] = (text, rs - 1)
                col += 1
        out.append(row)
    return out


def check_page(fname, data, setname, rows):
    m = re.search(rb'charset=["\']?([\w-]+)', data[:2000])
    enc = m.group(1).decode().lower()
    text = data.decode('utf-8' if enc == 'utf-8' else 'gb18030')
    g = TableGrab()
    g.feed(text)
    cands = [t for t in g.tables if t and any('项目名称' in ''.join(c[0]) for c in t[0])
             and len(t) > 2 and any(''.join(c[0]).strip(' \t\r\n\xa0') for c in t[1])]
    assert len(cands) == 1, (fname, len(cands))
    cols = COLUMNS[setname]
    got, section = [], ''
    for row in grid(cands[0])[1:]:
        if len(set(row)) == 1 or (len(set(row[:-1])) == 1 and not row[-1]):   # section heading
            section = re.sub(r'^[一二三四五六七八九十]+、|（共\d+项）$', '', row[0])
            continue
        d = dict(zip([k for _, k, _ in cols], row))
        d.setdefault('section', section)
        if 'lead' in d:
            d['units'] = d.pop('lead') + ' | ' + d['units']
        got.append(d)
    assert len(got) == len(rows), (fname, len(got), len(rows))
    for d, r in zip(got, rows):
        for k in ('seq', 'section', 'name', 'units', 'task', 'deadline', 'note'):
            want = printed_seq(r[k]) if k == 'seq' else r[k]
            have = d.get(k, '')
            if have != want:
                raise SystemExit('%s: item %s, %s: got %r, want %r' % (fname, r['seq'], k, have, want))


def encode_page(text, charset):
    if charset == 'utf-8':
        return text.encode('utf-8')
    try:
        return text.encode('gbk')
    except UnicodeEncodeError:
        raise SystemExit('%s: a character has no GBK form; use gb18030' % charset)


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def main():
    out_dir = HERE
    expected = []
    for setname in SETS:
        with open(os.path.join(RAW, setname + '.txt'), encoding='utf-8') as f:
            notice = parse_notice(f.read())
        rows = read_rows(setname)
        for variant in ('utf8', 'gbk'):
            fname = '%s-%s.html' % (setname, variant)
            o = PAGES[fname]
            if o['kind'] == 'modern':
                text = modern_page(setname, notice, rows, o)
                data = encode_page(text, 'utf-8')
            else:
                text = old_page(setname, notice, rows, o)
                data = encode_page(text, o['charset'])
            check_page(fname, data, setname, rows)
            write(os.path.join(out_dir, fname), data)
        for fname in ('%s-gbk.html' % setname, '%s-utf8.html' % setname, '%s.pdf' % setname):
            for r in rows:
                expected.append((fname, r['seq'], r['name'], r['task'][:12]))
    expected.sort(key=lambda x: (x[0],))          # stable: items stay in table order
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(['file', 'seq', 'name', 'task_start'])
    w.writerows(expected)
    write(os.path.join(out_dir, 'expected.csv'), buf.getvalue().encode('utf-8'))
    return 0


if __name__ == '__main__':
    sys.exit(main())

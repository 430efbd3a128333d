import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { badInput, domainError } from '../shared/errors.ts';
import { fromHundredths, toHundredths } from '../shared/decimal.ts';
import { assertVersion } from '../shared/version.ts';
import { cleanText } from '../shared/text.ts';
import type { UnitBlock } from '../units/index.ts';
import { CriteriaSet, CriteriaSetStatus, Criterion, CriterionKind, type ScoringBand } from './criteria.entity.ts';
import { CRITERIA_SET } from './criteria.errors.ts';
import type {
  AddCriterionInput,
  CreateCriteriaSetInput,
  CriterionFieldsInput,
  MoveCriterionInput,
  UpdateCriterionInput,
} from './criteria.types.ts';

const CRITERION = { vi: 'tiêu chí', en: 'Criterion' };
const MAX_POINTS_LIMIT = 99_999_99; // numeric(7,2)

/** The next version number for a block and year. */
async function nextVersion(em: EntityManager, year: number, block: UnitBlock): Promise<number> {
  const [row] = await em.execute<{ version: number | null }[]>(
    'select max(version) as version from criteria_set where year = ? and block = ?',
    [year, block],
  );
  return (row?.version ?? 0) + 1;
}

export async function createCriteriaSet(em: EntityManager, actor: Actor, input: CreateCriteriaSetInput): Promise<CriteriaSet> {
  authorize(actor, 'create', 'CriteriaSet');
  return em.transactional(async (tx) => {
    const source = input.copyFromId != null ? await tx.findOne(CriteriaSet, input.copyFromId) : null;
    if (input.copyFromId != null && !source) {
      throw badInput('copyFromId', {
        vi: `Không có bộ tiêu chí mã ${input.copyFromId}.`,
        en: `Criteria set ${input.copyFromId} does not exist.`,
      });
    }
    const block = input.block ?? source?.block;
    const year = input.year ?? source?.year;
    if (!block) throw badInput('block', { vi: 'Cần chọn khối đơn vị.', en: 'A block is required.' });
    if (!year) throw badInput('year', { vi: 'Cần nhập năm.', en: 'A year is required.' });
    // Serialise version numbering per block/year; the unique index is the last line of defence.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`criteria_set:${year}:${block}`]);
    const version = await nextVersion(tx, year, block);
    const set = tx.create(CriteriaSet, {
      year,
      block,
      version,
      title: cleanText(input.title, 'title', { max: 500 }) ?? (source ? source.title : `Bộ tiêu chí ${year}`),
      status: CriteriaSetStatus.DRAFT,
      previousVersion: source,
    });
    if (source) await copyCriteria(tx, source, set);
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'CriteriaSet',
      subjectId: set.id,
      action: 'criteria-set-create',
      after: { year, block, version, title: set.title, status: set.status, copyFromId: source?.id ?? null },
    });
    return set;
  });
}

/** What the audit trail keeps of a criterion. */
function auditedCriterion(node: Criterion): Record<string, unknown> {
  return {
    criteriaSetId: node.criteriaSet.id,
    parentId: node.parent?.id ?? null,
    position: node.position,
    code: node.code,
    title: node.title,
    guidance: node.guidance,
    maxPoints: node.maxPoints,
    kind: node.kind,
    scoringMethod: node.scoringMethod,
    bands: node.bands,
    evidenceRequirement: node.evidenceRequirement,
  };
}

async function copyCriteria(em: EntityManager, source: CriteriaSet, target: CriteriaSet): Promise<void> {
  const originals = await em.find(Criterion, { criteriaSet: source }, { orderBy: { id: 'asc' } });
  const copies = new Map<number, Criterion>();
  const copyOf = (original: Criterion): Criterion => {
    let copy = copies.get(original.id);
    if (copy) return copy;
    const parent = original.parent ? copyOf(originals.find((c) => c.id === original.parent!.id)!) : null;
    copy = em.create(Criterion, {
      criteriaSet: target,
      parent,
      code: original.code,
      title: original.title,
      guidance: original.guidance,
      maxPoints: original.maxPoints,
      kind: original.kind,
      scoringMethod: original.scoringMethod,
      bands: original.bands.map((band) => ({ ...band })),
      evidenceRequirement: original.evidenceRequirement,
      position: original.position,
    });
    copies.set(original.id, copy);
    return copy;
  };
  originals.forEach(copyOf);
}

/** The set, row-locked for the rest of the transaction; NOT_FOUND as `missingRow` answers it when there is none. */
export async function lockCriteriaSet(em: EntityManager, actor: Actor, id: number): Promise<CriteriaSet> {
  const set = await em.findOne(CriteriaSet, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!set) throw missingRow(actor, 'read', 'CriteriaSet', CRITERIA_SET, id);
  return set;
}

/**
 * Runs `change` on the whole tree of a DRAFT set, row-locked, then re-derives every parent's
 * maximum from its children and checks the invariants before anything is written.
 */
async function editTree<T>(
  em: EntityManager,
  setId: number,
  edit: { actor: Actor; action: 'criterion-add' | 'criterion-update' | 'criterion-move' | 'criterion-remove'; criterionId?: number },
  change: (tree: EditableTree) => T,
): Promise<T> {
  return em.transactional(async (tx) => {
    const set = await lockCriteriaSet(tx, edit.actor, setId);
    assertEditable(set);
    const tree = new EditableTree(tx, set, await tx.find(Criterion, { criteriaSet: set }, { refresh: true }));
    const edited = tree.nodes.find((node) => node.id === edit.criterionId);
    const before = edited ? auditedCriterion(edited) : null;
    const result = change(tree);
    tree.deriveParentMaxima();
    await tx.flush();
    const node = result instanceof Criterion ? result : edited!;
    recordAudit(tx, edit.actor, {
      subjectType: 'Criterion',
      subjectId: edit.criterionId ?? node.id,
      action: edit.action,
      before,
      after: edit.action === 'criterion-remove' ? null : auditedCriterion(node),
    });
    return result;
  });
}

export function assertEditable(set: CriteriaSet): void {
  if (set.status !== CriteriaSetStatus.DRAFT) {
    throw domainError(
      'SET_NOT_EDITABLE',
      {
        vi: 'Bộ tiêu chí không còn ở trạng thái dự thảo nên không thể sửa; hãy tạo phiên bản mới.',
        en: 'Only a draft criteria set can be changed; create a new version instead.',
      },
      { status: set.status },
    );
  }
}

/** The loaded criteria of one set with the operations that keep its invariants. */
class EditableTree {
  constructor(
    private readonly em: EntityManager,
    readonly set: CriteriaSet,
    readonly nodes: Criterion[],
  ) {}

  /** Children in order. All nodes share one identity map, so references compare by identity. */
  childrenOf(parent: Criterion | null): Criterion[] {
    return this.nodes.filter((node) => (node.parent ?? null) === parent).sort((a, b) => a.position - b.position);
  }

  find(id: number, field: string): Criterion {
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (!node)
      throw badInput(field, { vi: `Tiêu chí mã ${id} không thuộc bộ tiêu chí này.`, en: `Criterion ${id} is not in this criteria set.` });
    return node;
  }

  assertCodeFree(code: string, except?: Criterion): void {
    if (this.nodes.some((node) => node !== except && node.code === code)) {
      throw domainError(
        'DUPLICATE_CODE',
        { vi: `Mã "${code}" đã có trong bộ tiêu chí.`, en: `Code "${code}" is already used in this set.` },
        { field: 'code' },
      );
    }
  }

  /** Places `node` among the children of `parent` at `position` (default last) and renumbers them. */
  place(node: Criterion, parent: Criterion | null, position?: number | null): void {
    const siblings = this.childrenOf(parent).filter((sibling) => sibling !== node);
    const index = position == null ? siblings.length : Math.min(position, siblings.length);
    siblings.splice(index, 0, node);
    node.parent = parent;
    siblings.forEach((sibling, i) => (sibling.position = i));
  }

  add(input: AddCriterionInput): Criterion {
    if (!input.code) throw badInput('code', { vi: 'Cần nhập mã tiêu chí.', en: 'A code is required.' });
    const title = cleanText(input.title, 'title', { max: 2000 });
    if (!title) throw badInput('title', { vi: 'Cần nhập tên tiêu chí.', en: 'A title is required.' });
    if (input.maxPoints == null) throw badInput('maxPoints', { vi: 'Cần nhập điểm tối đa.', en: 'Maximum points are required.' });
    this.assertCodeFree(input.code);
    const parent = input.parentId == null ? null : this.find(input.parentId, 'parentId');
    const node = this.em.create(Criterion, {
      criteriaSet: this.set,
      parent,
      code: input.code,
      title,
      position: 0,
      maxPoints: '0',
      kind: input.kind ?? parent?.kind ?? CriterionKind.SELF_SCORED,
      bands: [],
    });
    this.nodes.push(node);
    this.apply(node, input, true);
    this.place(node, parent, input.position);
    return node;
  }

  /** Copies the given fields onto `node`, validating each. */
  apply(node: Criterion, input: CriterionFieldsInput, isNew = false): void {
    if (input.code !== undefined && input.code !== null) {
      this.assertCodeFree(input.code, node);
      node.code = input.code;
    }
    if (input.title != null) {
      const title = cleanText(input.title, 'title', { max: 2000 });
      if (!title) throw badInput('title', { vi: 'Tên tiêu chí không được để trống.', en: 'The title cannot be empty.' });
      node.title = title;
    }
    if (input.guidance !== undefined) node.guidance = cleanText(input.guidance, 'guidance');
    if (input.scoringMethod !== undefined) node.scoringMethod = cleanText(input.scoringMethod, 'scoringMethod');
    if (input.evidenceRequirement !== undefined) node.evidenceRequirement = cleanText(input.evidenceRequirement, 'evidenceRequirement');
    if (input.kind != null) node.kind = input.kind;
    if (input.maxPoints != null) {
      if (!isNew && this.childrenOf(node).length > 0) {
        throw domainError(
          'MAX_POINTS_DERIVED',
          {
            vi: 'Điểm tối đa của tiêu chí có tiêu chí con bằng tổng điểm các tiêu chí con; hãy sửa điểm của tiêu chí con.',
            en: 'A parent’s maximum is the sum of its children’s; change the children instead.',
          },
          { field: 'maxPoints' },
        );
      }
      const hundredths = toHundredths(input.maxPoints, 'maxPoints');
      if (hundredths < 0 || hundredths > MAX_POINTS_LIMIT) {
        throw badInput('maxPoints', { vi: 'Điểm tối đa phải từ 0 trở lên.', en: 'Maximum points must be zero or more.' });
      }
      node.maxPoints = fromHundredths(hundredths);
    }
    if (input.bands != null) node.bands = input.bands.map((band, i) => normaliseBand(band, i));
    assertBandsWithinMax(node);
  }

  move(input: MoveCriterionInput): Criterion {
    const node = this.find(input.id, 'id');
    const parent = input.parentId == null ? null : this.find(input.parentId, 'parentId');
    for (let ancestor: Criterion | null = parent; ancestor; ancestor = this.parentOf(ancestor)) {
      if (ancestor === node) {
        throw domainError(
          'MOVE_INTO_ITSELF',
          { vi: 'Không thể chuyển tiêu chí vào chính nó hoặc tiêu chí con của nó.', en: 'A criterion cannot be moved under itself.' },
          { field: 'parentId' },
        );
      }
    }
    const oldParent = this.parentOf(node);
    this.place(node, parent, input.position);
    if (oldParent !== parent) this.childrenOf(oldParent).forEach((sibling, i) => (sibling.position = i));
    return node;
  }

  remove(id: number): void {
    const node = this.find(id, 'id');
    const parent = this.parentOf(node);
    const doomed = new Set<Criterion>();
    const collect = (current: Criterion) => {
      doomed.add(current);
      this.childrenOf(current).forEach(collect);
    };
    collect(node);
    for (const victim of doomed) this.em.remove(victim);
    this.nodes.splice(0, this.nodes.length, ...this.nodes.filter((candidate) => !doomed.has(candidate)));
    this.childrenOf(parent).forEach((sibling, i) => (sibling.position = i));
  }

  parentOf(node: Criterion): Criterion | null {
    return node.parent ?? null;
  }

  /** Bottom-up: every parent's maximum becomes the sum of its children's. */
  deriveParentMaxima(): void {
    const total = (node: Criterion): number => {
      const children = this.childrenOf(node);
      if (children.length === 0) return toHundredths(node.maxPoints, 'maxPoints');
      const sum = children.reduce((acc, child) => acc + total(child), 0);
      node.maxPoints = fromHundredths(sum);
      return sum;
    };
    this.childrenOf(null).forEach(total);
  }
}

function normaliseBand(band: ScoringBand, index: number): ScoringBand {
  const field = `bands.${index}`;
  const min = toHundredths(band.minPoints, `${field}.minPoints`);
  const max = toHundredths(band.maxPoints, `${field}.maxPoints`);
  if (min < 0 || min > max) {
    throw badInput(field, {
      vi: `Mức ${index + 1}: điểm thấp nhất phải từ 0 và không lớn hơn điểm cao nhất.`,
      en: `Band ${index + 1}: min must be ≥ 0 and ≤ max.`,
    });
  }
  return {
    label: cleanText(band.label, `bands.${index}.label`, { required: true, max: 300 })!,
    minPoints: fromHundredths(min),
    maxPoints: fromHundredths(max),
  };
}

function assertBandsWithinMax(node: Criterion): void {
  const max = toHundredths(node.maxPoints, 'maxPoints');
  const index = node.bands.findIndex((band) => toHundredths(band.maxPoints, 'bands') > max);
  if (index >= 0) {
    throw domainError(
      'BAND_ABOVE_MAX',
      {
        vi: `Mức "${node.bands[index]!.label}" vượt quá điểm tối đa ${node.maxPoints} của tiêu chí ${node.code}.`,
        en: `Band "${node.bands[index]!.label}" exceeds the maximum ${node.maxPoints} of ${node.code}.`,
      },
      { field: `bands.${index}` },
    );
  }
}

export function addCriterion(em: EntityManager, actor: Actor, input: AddCriterionInput) {
  authorize(actor, 'create', 'Criterion');
  return editTree(em, input.criteriaSetId, { actor, action: 'criterion-add' }, (tree) => tree.add(input));
}

export async function updateCriterion(em: EntityManager, actor: Actor, id: number, input: UpdateCriterionInput): Promise<number> {
  authorize(actor, 'update', 'Criterion');
  const setId = await setIdOf(em, actor, id);
  await editTree(em, setId, { actor, action: 'criterion-update', criterionId: id }, (tree) => {
    // The set is locked: two edits of one criterion take turns, and the second sees the version the first made.
    const node = tree.find(id, 'id');
    assertVersion(node, input.version);
    tree.apply(node, input);
  });
  return setId;
}

export async function moveCriterion(em: EntityManager, actor: Actor, input: MoveCriterionInput): Promise<number> {
  authorize(actor, 'update', 'Criterion');
  const setId = await setIdOf(em, actor, input.id);
  await editTree(em, setId, { actor, action: 'criterion-move', criterionId: input.id }, (tree) => tree.move(input));
  return setId;
}

export async function removeCriterion(em: EntityManager, actor: Actor, id: number): Promise<number> {
  authorize(actor, 'delete', 'Criterion');
  const setId = await setIdOf(em, actor, id);
  await editTree(em, setId, { actor, action: 'criterion-remove', criterionId: id }, (tree) => tree.remove(id));
  return setId;
}

async function setIdOf(em: EntityManager, actor: Actor, criterionId: number): Promise<number> {
  const [row] = await em.execute<{ criteria_set_id: number }[]>('select criteria_set_id from criterion where id = ?', [criterionId]);
  if (!row) throw missingRow(actor, 'read', 'CriteriaSet', CRITERION, criterionId);
  return row.criteria_set_id;
}

/**
 * DRAFT or CONSULTATION → PUBLISHED. Every scored leaf needs its bands; the version it replaces
 * for the same block and year is archived.
 */
export async function publishCriteriaSet(em: EntityManager, actor: Actor, id: number): Promise<CriteriaSet> {
  authorize(actor, 'publish', 'CriteriaSet');
  return em.transactional(async (tx) => {
    const set = await lockCriteriaSet(tx, actor, id);
    if (set.status !== CriteriaSetStatus.DRAFT && set.status !== CriteriaSetStatus.CONSULTATION) {
      throw domainError(
        'SET_NOT_EDITABLE',
        { vi: 'Bộ tiêu chí này đã được ban hành.', en: 'This criteria set is already published.' },
        { status: set.status },
      );
    }
    const criteria = await tx.find(Criterion, { criteriaSet: set });
    if (criteria.length === 0) {
      throw domainError('SET_EMPTY', { vi: 'Bộ tiêu chí chưa có tiêu chí nào.', en: 'The criteria set has no criteria.' });
    }
    const parents = new Set(criteria.map((c) => c.parent?.id).filter((id) => id !== undefined));
    const unbanded = criteria.filter((c) => !parents.has(c.id) && c.bands.length === 0).map((c) => c.code);
    if (unbanded.length > 0) {
      throw domainError(
        'LEAF_WITHOUT_BANDS',
        {
          vi: `Các tiêu chí thành phần chưa có cách chấm điểm (mức điểm): ${unbanded.join(', ')}.`,
          en: `These sub-criteria have no scoring bands: ${unbanded.join(', ')}.`,
        },
        { codes: unbanded },
      );
    }
    await tx.nativeUpdate(
      CriteriaSet,
      { year: set.year, block: set.block, status: CriteriaSetStatus.PUBLISHED },
      { status: CriteriaSetStatus.ARCHIVED },
    );
    const before = { status: set.status };
    set.status = CriteriaSetStatus.PUBLISHED;
    set.publishedAt = new Date();
    recordAudit(tx, actor, {
      subjectType: 'CriteriaSet',
      subjectId: set.id,
      action: 'criteria-set-publish',
      before,
      after: { status: set.status, publishedAt: set.publishedAt, year: set.year, block: set.block, version: set.version },
    });
    return set;
  });
}

/**
 * Demo seed: the 2023 criteria sets of the Hà Nội PAR Index (Chỉ số CCHC), one per block.
 *
 * ILLUSTRATIVE DATA. The structure and scale follow the published 2023 index (8 areas plus a
 * bonus/deduction section; 100 points of which about 70 are self-scored and appraised and about
 * 30 come from the sociological survey), but titles, points, scoring methods and evidence
 * requirements are written for the demo: they are not the official text.
 *
 * Shape: area (level 1) → criterion (level 2) → sub-criterion (level 3, the scored leaf). A few
 * criteria are leaves themselves. Only leaves carry maxPoints; the seeder gives every parent the
 * sum of its children. Both sets: areas 1–8 = 100 points (70 self-scored + 30 survey); section 9 =
 * bonus up to 3 points and deductions up to 3 points.
 *
 * Each area is written once as a function of the block; the few block-specific criteria (the
 * district's work with communes and wards, the department's guidance to its sector in the
 * districts) are chosen inside it. Criterion builders number their children: the n-th child of
 * criterion '3.2' is '3.2.n'.
 */

export type CriterionKind = 'SELF_SCORED' | 'SURVEY' | 'BONUS' | 'DEDUCTION';

/** Decimal strings, e.g. '0.5'; a fixed value has min = max. */
export interface BandSeed {
  label: string;
  minPoints: string;
  maxPoints: string;
}

export interface CriterionSeed {
  /** '1', '1.2', '1.2.3': unique in a set. */
  code: string;
  title: string;
  guidance?: string;
  /** Leaves only; parents get the sum of their children. */
  maxPoints?: string;
  kind: CriterionKind;
  scoringMethod?: string;
  bands?: BandSeed[];
  evidenceRequirement?: string;
  children?: CriterionSeed[];
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/** A leaf before its parent gives it a code. */
type Leaf = Omit<CriterionSeed, 'code' | 'children'>;

interface LeafOptions {
  guidance?: string;
  evidence?: string;
  /** Overrides the scoring method generated from the bands. */
  method?: string;
}

/** '0.5' → '0,5' (Vietnamese decimal comma, for the human-readable texts). */
const vn = (points: string): string => points.replace('.', ',');

/** Half of a points value ('1.5' → '0.75'); every value halved here has at most one decimal. */
const half = (points: string): string => String(Math.round(Number(points) * 100) / 200);

const band = (label: string, minPoints: string, maxPoints: string = minPoints): BandSeed => ({ label, minPoints, maxPoints });

/** Lower-cases the first letter of a label that continues a sentence, but keeps 'UBND', 'TTHC'… */
const continuing = (label: string): string =>
  label.length > 1 && label[1] === label[1].toLowerCase() ? label[0].toLowerCase() + label.slice(1) : label;

/** 'Ban hành đúng thời hạn: 1 điểm; ban hành chậm so với thời hạn: 0,5 điểm; không ban hành: 0 điểm' */
function describe(bands: BandSeed[], points: (b: BandSeed) => string = plainPoints): string {
  return bands.map((b, i) => `${i === 0 ? b.label : continuing(b.label)}: ${points(b)}`).join('; ');
}

function plainPoints(b: BandSeed): string {
  return b.minPoints === b.maxPoints ? `${vn(b.maxPoints)} điểm` : `từ ${vn(b.minPoints)} đến ${vn(b.maxPoints)} điểm`;
}

function leaf(title: string, max: string, bands: BandSeed[], o: LeafOptions = {}, kind: CriterionKind = 'SELF_SCORED'): Leaf {
  return {
    title,
    ...(o.guidance ? { guidance: o.guidance } : {}),
    maxPoints: max,
    kind,
    scoringMethod: o.method ?? describe(bands),
    bands,
    ...(o.evidence ? { evidenceRequirement: o.evidence } : {}),
  };
}

/** Done on time → max; late → half; not done → 0. `act` is the verb, e.g. 'Ban hành'. */
function onTime(title: string, max: string, act: string, o: LeafOptions = {}): Leaf {
  return leaf(
    title,
    max,
    [band(`${act} đúng thời hạn`, max), band(`${act} chậm so với thời hạn`, half(max)), band(`Không ${continuing(act)}`, '0')],
    o,
  );
}

/** Percentage tiers: ≥ high % → max; low – < high % → half; < low % → 0 (default 90 / 70). */
function percent(title: string, max: string, o: LeafOptions & { high?: number; low?: number } = {}): Leaf {
  const { high = 90, low = 70 } = o;
  return leaf(
    title,
    max,
    [
      band(high === 100 ? 'Đạt 100%' : `Từ ${high}% trở lên`, max),
      band(`Từ ${low}% đến dưới ${high}%`, half(max)),
      band(`Dưới ${low}%`, '0'),
    ],
    o,
  );
}

/** Proportional scoring; with a target, reaching the target gives the maximum. */
function rate(title: string, max: string, o: LeafOptions & { target?: number } = {}): Leaf {
  const m = vn(max);
  if (o.target === undefined) {
    return leaf(title, max, [band('Tính theo tỷ lệ', '0', max)], {
      method: `Điểm = tỷ lệ đạt được × ${m} điểm (tỷ lệ 100% được ${m} điểm), làm tròn đến 2 chữ số thập phân`,
      ...o,
    });
  }
  const t = o.target;
  return leaf(title, max, [band(`Đạt từ ${t}% trở lên`, max), band(`Dưới ${t}%: tính theo tỷ lệ`, '0', max)], {
    method: `Đạt từ ${t}% trở lên: ${m} điểm; dưới ${t}%: điểm = (tỷ lệ đạt được ÷ ${t}%) × ${m} điểm, làm tròn đến 2 chữ số thập phân`,
    ...o,
  });
}

function yesNo(title: string, max: string, yes: string, no: string, o: LeafOptions = {}): Leaf {
  return leaf(title, max, [band(yes, max), band(no, '0')], o);
}

/** Imported from the sociological survey; never self-scored, so no evidence. `who` = respondents. */
function survey(title: string, max: string, who: string): Leaf {
  return leaf(
    title,
    max,
    [band('Theo kết quả điều tra', '0', max)],
    {
      guidance: `Đơn vị không tự chấm điểm; điểm được cập nhật từ kết quả điều tra xã hội học năm 2023. Đối tượng điều tra: ${who}.`,
      method: 'Điểm lấy từ kết quả điều tra xã hội học',
    },
    'SURVEY',
  );
}

function bonus(title: string, max: string, bands: BandSeed[], o: LeafOptions = {}): Leaf {
  return leaf(title, max, bands, o, 'BONUS');
}

/** Band values are the points deducted; the leaf maximum is the most that can be deducted. */
function deduction(title: string, max: string, bands: BandSeed[], o: LeafOptions = {}): Leaf {
  const method = describe(bands, (b) => (b.maxPoints === '0' ? 'không trừ điểm' : `trừ ${plainPoints(b)}`));
  return leaf(title, max, bands, { method, ...o }, 'DEDUCTION');
}

/** A criterion whose children are leaves, numbered `${code}.1`, `${code}.2`… */
function criterion(code: string, title: string, leaves: Leaf[], kind?: CriterionKind): CriterionSeed {
  return {
    code,
    title,
    kind: kind ?? (leaves.every((l) => l.kind === 'SURVEY') ? 'SURVEY' : 'SELF_SCORED'),
    children: leaves.map((l, i) => ({ code: `${code}.${i + 1}`, ...l })),
  };
}

/** A criterion that is scored itself (no sub-criteria). */
const leafCriterion = (code: string, l: Leaf): CriterionSeed => ({ code, ...l });

const area = (code: string, title: string, criteria: CriterionSeed[], kind: CriterionKind = 'SELF_SCORED'): CriterionSeed => ({
  code,
  title,
  kind,
  children: criteria,
});

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

interface Block {
  district: boolean;
  /** How the assessed unit is named in the texts. */
  unit: string;
  /** Symbol of the issuing body in document numbers: 'Kế hoạch số …/KH-UBND'. */
  issuer: string;
}

const DEPARTMENT: Block = { district: false, unit: 'Sở', issuer: '…' };
const DISTRICT: Block = { district: true, unit: 'UBND cấp huyện', issuer: 'UBND' };

/** 'số …/KH-UBND' */
const no = (b: Block, kind: string): string => `số …/${kind}-${b.issuer}`;

const LEADERS = 'đại diện lãnh đạo các sở, ban, ngành, UBND quận, huyện, thị xã';
const STAFF = 'cán bộ, công chức, viên chức của đơn vị';
const CITIZENS = 'người dân, tổ chức đã giao dịch tại Bộ phận Một cửa trong năm 2023';
const BUSINESSES = 'doanh nghiệp, hợp tác xã';

const SYSTEM_STATS =
  'Số liệu thống kê năm 2023 trích xuất từ Hệ thống thông tin giải quyết TTHC Thành phố (ảnh chụp màn hình, có ngày trích xuất)';
const DOCS_STATS =
  'Báo cáo thống kê năm 2023 trên Hệ thống quản lý văn bản và điều hành của Thành phố (ảnh chụp màn hình, có ngày trích xuất)';

// ---------------------------------------------------------------------------------------------
// Areas 1–8 (100 points) and section 9 (bonus, deduction)
// ---------------------------------------------------------------------------------------------

/** 10 points: 7.5 self-scored, 2.5 survey. */
function direction(b: Block): CriterionSeed {
  const inspection = b.district
    ? criterion('1.3', 'Chỉ đạo, kiểm tra UBND cấp xã về CCHC', [
        onTime('Ban hành Kế hoạch kiểm tra CCHC năm 2023 đối với các phòng chuyên môn và UBND cấp xã', '0.5', 'Ban hành', {
          evidence: `Kế hoạch kiểm tra CCHC năm 2023 (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
        }),
        percent('Tỷ lệ UBND cấp xã được kiểm tra công tác CCHC trong năm', '0.5', {
          high: 30,
          low: 20,
          guidance: 'Tỷ lệ = số xã, phường, thị trấn được kiểm tra trong năm ÷ tổng số đơn vị hành chính cấp xã trên địa bàn.',
          evidence: 'Thông báo kết luận hoặc biên bản kiểm tra tại từng xã, phường, thị trấn được kiểm tra',
        }),
        leaf(
          'Xử lý các tồn tại, hạn chế của UBND cấp xã phát hiện qua kiểm tra',
          '0.5',
          [
            band('Xử lý hoặc chỉ đạo xử lý 100% tồn tại, hạn chế', '0.5'),
            band('Xử lý từ 70% đến dưới 100%', '0.25'),
            band('Xử lý dưới 70%', '0'),
          ],
          {
            guidance: 'Kiểm tra không phát hiện tồn tại, hạn chế thì được điểm tối đa.',
            evidence: 'Văn bản chỉ đạo khắc phục sau kiểm tra và báo cáo kết quả khắc phục của UBND cấp xã',
          },
        ),
      ])
    : criterion('1.3', 'Kiểm tra công tác CCHC tại các phòng, đơn vị thuộc Sở', [
        onTime('Ban hành Kế hoạch kiểm tra CCHC năm 2023', '0.5', 'Ban hành', {
          evidence: `Kế hoạch kiểm tra CCHC năm 2023 (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
        }),
        percent('Tỷ lệ phòng, đơn vị thuộc Sở được kiểm tra công tác CCHC trong năm', '0.5', {
          high: 30,
          low: 20,
          guidance: 'Tỷ lệ = số phòng, đơn vị được kiểm tra trong năm ÷ tổng số phòng, đơn vị thuộc Sở.',
          evidence: 'Thông báo kết luận hoặc biên bản kiểm tra tại từng phòng, đơn vị được kiểm tra',
        }),
        leaf(
          'Xử lý các tồn tại, hạn chế phát hiện qua kiểm tra',
          '0.5',
          [
            band('Xử lý hoặc chỉ đạo xử lý 100% tồn tại, hạn chế', '0.5'),
            band('Xử lý từ 70% đến dưới 100%', '0.25'),
            band('Xử lý dưới 70%', '0'),
          ],
          {
            guidance: 'Kiểm tra không phát hiện tồn tại, hạn chế thì được điểm tối đa.',
            evidence: 'Văn bản chỉ đạo khắc phục sau kiểm tra và báo cáo kết quả khắc phục của các phòng, đơn vị',
          },
        ),
      ]);

  return area('1', 'Công tác chỉ đạo, điều hành cải cách hành chính', [
    criterion('1.1', 'Kế hoạch cải cách hành chính năm', [
      onTime('Ban hành Kế hoạch CCHC năm 2023', '1', 'Ban hành', {
        guidance:
          'Kế hoạch ban hành trong thời hạn theo Kế hoạch CCHC năm 2023 của UBND Thành phố, xác định rõ nhiệm vụ, sản phẩm, thời hạn hoàn thành và đơn vị chủ trì.',
        evidence: `Kế hoạch CCHC năm 2023 của ${b.unit} (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
      }),
      percent('Mức độ thực hiện Kế hoạch CCHC năm', '2', {
        guidance: 'Tỷ lệ = số nhiệm vụ hoàn thành đúng thời hạn ÷ tổng số nhiệm vụ đề ra trong Kế hoạch CCHC năm 2023.',
        evidence: `Báo cáo kết quả CCHC năm 2023 (Báo cáo ${no(b, 'BC')}) kèm phụ lục danh mục nhiệm vụ, sản phẩm và tình trạng hoàn thành`,
      }),
      percent('Thực hiện các nhiệm vụ về CCHC được UBND Thành phố giao', '1', {
        high: 100,
        low: 80,
        guidance: 'Tính trên các nhiệm vụ về CCHC được giao trong năm, theo dõi trên Hệ thống quản lý văn bản và điều hành của Thành phố.',
        evidence:
          'Danh mục nhiệm vụ được giao và kết quả thực hiện (ảnh chụp màn hình hệ thống theo dõi nhiệm vụ, có ngày trích xuất) kèm văn bản báo cáo hoàn thành',
      }),
    ]),
    leafCriterion(
      '1.2',
      leaf(
        'Thực hiện chế độ báo cáo định kỳ về CCHC',
        '1',
        [band('Đầy đủ, đúng thời hạn', '1'), band('Đầy đủ nhưng có báo cáo chậm', '0.5'), band('Không đầy đủ số báo cáo', '0')],
        {
          guidance: 'Gồm báo cáo quý I, 6 tháng, quý III và báo cáo năm 2023 gửi Sở Nội vụ theo thời hạn tại Kế hoạch CCHC của Thành phố.',
          evidence: `Các báo cáo CCHC định kỳ năm 2023 (Báo cáo ${no(b, 'BC')}, ngày ban hành) và ảnh chụp màn hình Hệ thống quản lý văn bản và điều hành thể hiện ngày gửi`,
        },
      ),
    ),
    inspection,
    criterion('1.4', 'Công tác tuyên truyền CCHC', [
      onTime('Ban hành Kế hoạch tuyên truyền CCHC năm 2023', '0.5', 'Ban hành', {
        evidence: `Kế hoạch tuyên truyền CCHC năm 2023 (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
      }),
      leaf(
        'Đa dạng hình thức tuyên truyền CCHC',
        '0.5',
        [band('Từ 3 hình thức trở lên', '0.5'), band('2 hình thức', '0.25'), band('1 hình thức hoặc không tuyên truyền', '0')],
        {
          guidance:
            'Các hình thức: chuyên mục trên Cổng/Trang thông tin điện tử, mạng xã hội, hội nghị, cuộc thi, pano, áp phích, tài liệu phát tại Bộ phận Một cửa…',
          evidence:
            'Đường dẫn và ảnh chụp màn hình các tin, bài (có ngày đăng); văn bản tổ chức hội nghị, cuộc thi; hình ảnh pano, áp phích',
        },
      ),
      survey('Đánh giá của cán bộ, công chức về hiệu quả công tác tuyên truyền CCHC', '0.5', STAFF),
    ]),
    criterion('1.5', 'Đánh giá về công tác chỉ đạo, điều hành CCHC', [
      survey('Đánh giá về tính kịp thời, sát thực tế của công tác chỉ đạo, điều hành CCHC', '1', LEADERS),
      survey('Đánh giá về vai trò, trách nhiệm của người đứng đầu trong chỉ đạo, thực hiện CCHC', '1', `${LEADERS}; ${STAFF}`),
    ]),
  ]);
}

/** 9 points: 6 self-scored, 3 survey. */
function institutions(b: Block): CriterionSeed {
  const drafting = b.district
    ? criterion('2.1', 'Ban hành và tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn', [
        leaf(
          'Ban hành văn bản QPPL, văn bản chỉ đạo thuộc thẩm quyền đúng trình tự, thủ tục',
          '1.5',
          [
            band('Bảo đảm đúng thẩm quyền, trình tự, thủ tục', '1.5'),
            band('Có văn bản sai sót về thể thức, kỹ thuật trình bày phải đính chính', '0.75'),
            band('Có văn bản trái pháp luật bị cơ quan có thẩm quyền kết luận', '0'),
          ],
          {
            guidance:
              'Đánh giá trên các văn bản do HĐND, UBND cấp huyện ban hành năm 2023, căn cứ kết quả kiểm tra văn bản của Sở Tư pháp.',
            evidence:
              'Danh mục văn bản QPPL do HĐND, UBND cấp huyện ban hành năm 2023; thông báo kết quả kiểm tra văn bản của Sở Tư pháp (nếu có)',
          },
        ),
        onTime('Ban hành kế hoạch triển khai thi hành văn bản QPPL mới của Trung ương, Thành phố', '1.5', 'Ban hành', {
          guidance: 'Áp dụng với các văn bản QPPL có hiệu lực trong năm 2023 có nội dung giao UBND cấp huyện tổ chức thực hiện.',
          evidence: 'Kế hoạch, văn bản triển khai (Kế hoạch số …/KH-UBND, Công văn số …/UBND-…, ngày ban hành)',
        }),
      ])
    : criterion('2.1', 'Tham mưu xây dựng văn bản quy phạm pháp luật thuộc ngành, lĩnh vực', [
        percent('Tham mưu ban hành văn bản QPPL theo Chương trình công tác năm 2023 của UBND Thành phố', '2', {
          high: 100,
          low: 80,
          guidance:
            'Tỷ lệ = số dự thảo trình đúng tiến độ ÷ số văn bản được giao trong Chương trình. Đơn vị không được giao nhiệm vụ thì không đánh giá (không tính vào điểm tối đa).',
          evidence:
            'Danh mục văn bản được giao trong Chương trình công tác; Tờ trình kèm dự thảo (số, ngày trình) và văn bản được ban hành',
        }),
        yesNo(
          'Bảo đảm trình tự, thủ tục xây dựng văn bản QPPL',
          '1',
          'Không có hồ sơ dự thảo bị trả lại do không bảo đảm trình tự, thủ tục',
          'Có hồ sơ dự thảo bị trả lại',
          {
            guidance:
              'Bao gồm lấy ý kiến đối tượng chịu tác động, đăng tải dự thảo trên Cổng thông tin điện tử Thành phố và gửi Sở Tư pháp thẩm định theo quy định.',
            evidence:
              'Văn bản lấy ý kiến và bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý; ảnh chụp màn hình đăng tải dự thảo (có ngày đăng); báo cáo thẩm định của Sở Tư pháp',
          },
        ),
      ]);

  const lawInspection = b.district
    ? criterion('2.3', 'Kiểm tra văn bản của HĐND, UBND cấp xã', [
        percent('Tỷ lệ văn bản của HĐND, UBND cấp xã được kiểm tra theo thẩm quyền', '1', {
          high: 100,
          low: 80,
          evidence: 'Sổ theo dõi hoặc danh mục văn bản đã kiểm tra; Báo cáo công tác kiểm tra văn bản năm 2023 (Báo cáo số …/BC-UBND)',
        }),
        leaf(
          'Xử lý văn bản trái pháp luật của cấp xã phát hiện qua kiểm tra',
          '0.5',
          [band('Xử lý hoặc kiến nghị xử lý 100% văn bản phát hiện', '0.5'), band('Xử lý chưa đầy đủ', '0.25'), band('Không xử lý', '0')],
          {
            guidance: 'Không phát hiện văn bản trái pháp luật thì được điểm tối đa.',
            evidence: 'Văn bản kiến nghị xử lý hoặc văn bản sửa đổi, bãi bỏ của UBND cấp xã (số, ký hiệu, ngày ban hành)',
          },
        ),
      ])
    : criterion('2.3', 'Hướng dẫn, kiểm tra việc thi hành pháp luật thuộc ngành, lĩnh vực tại cấp huyện', [
        yesNo(
          'Ban hành văn bản hướng dẫn chuyên môn, nghiệp vụ cho UBND cấp huyện, cấp xã',
          '0.5',
          'Có văn bản hướng dẫn kịp thời khi có văn bản QPPL mới',
          'Không có văn bản hướng dẫn',
          {
            evidence: 'Công văn hướng dẫn gửi UBND các quận, huyện, thị xã (số, ký hiệu, ngày ban hành)',
          },
        ),
        leaf(
          'Kiểm tra việc thi hành pháp luật thuộc ngành, lĩnh vực tại UBND cấp huyện',
          '1',
          [
            band('Kiểm tra từ 5 đơn vị cấp huyện trở lên', '1'),
            band('Kiểm tra từ 1 đến 4 đơn vị cấp huyện', '0.5'),
            band('Không kiểm tra', '0'),
          ],
          {
            evidence: `Kế hoạch kiểm tra (Kế hoạch ${no(b, 'KH')}); thông báo kết luận kiểm tra tại từng đơn vị`,
          },
        ),
      ]);

  return area('2', 'Cải cách thể chế', [
    drafting,
    criterion('2.2', 'Theo dõi thi hành pháp luật; rà soát, hệ thống hóa văn bản quy phạm pháp luật', [
      onTime('Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật năm 2023', '0.5', 'Ban hành', {
        evidence: `Kế hoạch theo dõi tình hình thi hành pháp luật năm 2023 (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
      }),
      onTime(
        b.district
          ? 'Rà soát, hệ thống hóa văn bản QPPL do HĐND, UBND cấp huyện ban hành'
          : 'Rà soát, hệ thống hóa văn bản QPPL thuộc ngành, lĩnh vực quản lý',
        '0.5',
        'Hoàn thành',
        {
          evidence: `Báo cáo kết quả rà soát, hệ thống hóa văn bản QPPL năm 2023 (Báo cáo ${no(b, 'BC')}) kèm danh mục văn bản hết hiệu lực, cần sửa đổi, bổ sung`,
        },
      ),
      percent('Xử lý hoặc kiến nghị xử lý kết quả rà soát', '0.5', {
        high: 100,
        low: 70,
        guidance:
          'Tỷ lệ văn bản phát hiện cần sửa đổi, bổ sung, thay thế, bãi bỏ đã được xử lý hoặc kiến nghị cơ quan có thẩm quyền xử lý trong năm.',
        evidence: 'Văn bản kiến nghị xử lý hoặc văn bản sửa đổi, bổ sung, thay thế, bãi bỏ (số, ký hiệu, ngày ban hành)',
      }),
    ]),
    lawInspection,
    criterion('2.4', 'Đánh giá về chất lượng văn bản quy phạm pháp luật', [
      survey(
        b.district
          ? 'Đánh giá về tính hợp lý, khả thi của văn bản do HĐND, UBND cấp huyện ban hành'
          : 'Đánh giá về tính hợp lý, khả thi của văn bản QPPL do Sở tham mưu ban hành',
        '1.5',
        `${LEADERS}; đại biểu HĐND`,
      ),
      survey(
        'Mức độ hài lòng của người dân, doanh nghiệp về tính công khai, dễ tiếp cận của văn bản QPPL',
        '1.5',
        `${CITIZENS}; ${BUSINESSES}`,
      ),
    ]),
  ]);
}

/** 17 points: 11 self-scored, 6 survey. */
function procedures(b: Block): CriterionSeed {
  const scope = b.district ? 'thuộc thẩm quyền giải quyết của UBND cấp huyện' : 'thuộc thẩm quyền giải quyết của Sở';

  const support = b.district
    ? criterion('3.4', 'Chỉ đạo hoạt động của Bộ phận Một cửa cấp xã', [
        rate('Tỷ lệ hồ sơ TTHC cấp xã được giải quyết đúng hạn', '0.5', {
          guidance:
            'Tính chung cho tất cả xã, phường, thị trấn trên địa bàn theo số liệu của Hệ thống thông tin giải quyết TTHC Thành phố.',
          evidence: SYSTEM_STATS,
        }),
        percent('Tỷ lệ Bộ phận Một cửa cấp xã bảo đảm cơ sở vật chất, trang thiết bị theo quy định', '0.5', {
          high: 100,
          low: 80,
          evidence: 'Báo cáo rà soát cơ sở vật chất Bộ phận Một cửa cấp xã (Báo cáo số …/BC-UBND) kèm hình ảnh từng Bộ phận Một cửa',
        }),
        leaf(
          'Kiểm tra, chấn chỉnh hoạt động của Bộ phận Một cửa cấp xã',
          '0.5',
          [
            band('Có kiểm tra và ban hành văn bản chấn chỉnh sau kiểm tra', '0.5'),
            band('Có kiểm tra nhưng không có văn bản chấn chỉnh', '0.25'),
            band('Không kiểm tra', '0'),
          ],
          {
            evidence: 'Kế hoạch kiểm tra, biên bản kiểm tra và văn bản chấn chỉnh (số, ký hiệu, ngày ban hành)',
          },
        ),
      ])
    : criterion('3.4', 'Hướng dẫn, hỗ trợ cấp huyện, cấp xã giải quyết TTHC thuộc ngành, lĩnh vực', [
        yesNo(
          'Hướng dẫn, tập huấn nghiệp vụ giải quyết TTHC cho công chức cấp huyện, cấp xã',
          '0.5',
          'Có tổ chức hướng dẫn, tập huấn trong năm',
          'Không tổ chức',
          {
            evidence: 'Văn bản hướng dẫn; kế hoạch, giấy mời và danh sách học viên các lớp tập huấn',
          },
        ),
        onTime('Trả lời kiến nghị, vướng mắc của cấp huyện, cấp xã về giải quyết TTHC', '0.5', 'Trả lời', {
          guidance: 'Không có kiến nghị, vướng mắc trong năm thì được điểm tối đa.',
          evidence: 'Văn bản kiến nghị của cấp huyện, cấp xã và văn bản trả lời tương ứng (số, ngày)',
        }),
        rate('Tỷ lệ hồ sơ liên thông với cấp huyện được giải quyết đúng hạn', '0.5', {
          guidance: 'Tính trên các hồ sơ giải quyết theo quy trình liên thông giữa Sở và UBND cấp huyện.',
          evidence: SYSTEM_STATS,
        }),
      ]);

  return area('3', 'Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông', [
    criterion('3.1', 'Kiểm soát, công khai thủ tục hành chính', [
      b.district
        ? percent('Công khai TTHC tại Bộ phận Một cửa cấp huyện, cấp xã và trên Trang thông tin điện tử', '1', {
            high: 100,
            low: 90,
            guidance:
              'Kiểm tra ngẫu nhiên việc niêm yết đầy đủ, đúng danh mục TTHC còn hiệu lực tại Bộ phận Một cửa và trên Trang thông tin điện tử của quận, huyện, thị xã.',
            evidence:
              'Ảnh chụp khu vực niêm yết tại Bộ phận Một cửa (có ngày chụp); đường dẫn, ảnh chụp màn hình mục công khai TTHC trên Trang thông tin điện tử',
          })
        : onTime('Tham mưu công bố danh mục TTHC thuộc ngành, lĩnh vực quản lý', '1', 'Tham mưu', {
            guidance:
              'Dự thảo Quyết định công bố trình UBND Thành phố trong thời hạn quy định kể từ ngày văn bản QPPL quy định TTHC được ban hành.',
            evidence: 'Tờ trình và Quyết định công bố danh mục TTHC của Chủ tịch UBND Thành phố (Quyết định số …/QĐ-UBND, ngày ban hành)',
          }),
      leaf(
        'Rà soát, đơn giản hóa thủ tục hành chính',
        '1',
        [
          band('Có phương án đơn giản hóa được cấp có thẩm quyền thông qua', '1'),
          band('Có phương án đề xuất nhưng chưa được thông qua', '0.5'),
          band('Không có phương án đơn giản hóa', '0'),
        ],
        {
          evidence: `Kế hoạch rà soát, đánh giá TTHC năm 2023 (Kế hoạch ${no(b, 'KH')}); văn bản đề xuất phương án đơn giản hóa; Quyết định thông qua phương án (nếu có)`,
        },
      ),
      rate('Tỷ lệ TTHC được công khai đầy đủ, chính xác trên Cổng Dịch vụ công Thành phố', '0.5', {
        guidance: 'Đối chiếu danh mục TTHC đã công bố với dữ liệu trên Cổng Dịch vụ công Thành phố tại thời điểm 31/12/2023.',
        evidence: 'Ảnh chụp màn hình danh mục TTHC của đơn vị trên Cổng Dịch vụ công Thành phố (có ngày chụp)',
      }),
    ]),
    criterion('3.2', 'Thực hiện cơ chế một cửa, một cửa liên thông', [
      rate('Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn', '2', {
        guidance: `Tính trên tổng số hồ sơ ${scope} đã giải quyết trong năm 2023.`,
        evidence: SYSTEM_STATS,
      }),
      yesNo(
        'Thực hiện xin lỗi người dân, tổ chức khi giải quyết hồ sơ quá hạn',
        '0.5',
        '100% hồ sơ quá hạn có văn bản xin lỗi hoặc không có hồ sơ quá hạn',
        'Có hồ sơ quá hạn không có văn bản xin lỗi',
        {
          evidence: 'Danh sách hồ sơ quá hạn và các Phiếu xin lỗi và hẹn lại ngày trả kết quả tương ứng',
        },
      ),
      rate('Tỷ lệ hồ sơ TTHC được số hóa khi tiếp nhận', '1', {
        guidance: 'Hồ sơ được số hóa, ký số và lưu vào kho dữ liệu của cá nhân, tổ chức trên Cổng Dịch vụ công Thành phố.',
        evidence: SYSTEM_STATS,
      }),
      rate('Tỷ lệ kết quả giải quyết TTHC được số hóa, cấp bản điện tử', '1', { evidence: SYSTEM_STATS }),
      percent('Tỷ lệ khai thác, tái sử dụng thông tin, dữ liệu đã được số hóa', '0.5', {
        high: 50,
        low: 30,
        guidance: 'Tỷ lệ hồ sơ có thành phần được lấy từ kho dữ liệu đã số hóa, không yêu cầu người dân, tổ chức nộp lại.',
        evidence: SYSTEM_STATS,
      }),
      leaf(
        'Bố trí công chức, cơ sở vật chất tại Bộ phận Một cửa',
        '0.5',
        [band('Đáp ứng đầy đủ yêu cầu theo quy định', '0.5'), band('Đáp ứng một phần', '0.25'), band('Không đáp ứng', '0')],
        {
          evidence:
            'Quyết định cử công chức làm việc tại Bộ phận Một cửa (số …/QĐ-…, ngày ban hành); danh mục trang thiết bị và hình ảnh Bộ phận Một cửa',
        },
      ),
    ]),
    criterion('3.3', 'Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức', [
      percent('Tỷ lệ phản ánh, kiến nghị về quy định hành chính, TTHC được xử lý đúng hạn', '1', {
        high: 100,
        low: 90,
        guidance: 'Không có phản ánh, kiến nghị trong năm thì được điểm tối đa.',
        evidence:
          'Danh mục phản ánh, kiến nghị tiếp nhận trong năm và văn bản trả lời (số, ngày); ảnh chụp màn hình Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị',
      }),
      yesNo(
        'Công khai kết quả xử lý phản ánh, kiến nghị',
        '0.5',
        'Công khai đầy đủ trên Cổng/Trang thông tin điện tử',
        'Không công khai hoặc công khai không đầy đủ',
        {
          evidence: 'Đường dẫn và ảnh chụp màn hình trang công khai kết quả xử lý (có ngày đăng)',
        },
      ),
    ]),
    support,
    criterion('3.5', 'Mức độ hài lòng của người dân, tổ chức về giải quyết thủ tục hành chính', [
      survey('Mức độ hài lòng về tiếp cận dịch vụ và công khai TTHC', '2', CITIZENS),
      survey('Mức độ hài lòng về thủ tục, thời gian và chi phí giải quyết', '2', CITIZENS),
      survey('Mức độ hài lòng về sự phục vụ của công chức và kết quả giải quyết', '2', CITIZENS),
    ]),
  ]);
}

/** 8 points: 5 self-scored, 3 survey. */
function organisation(b: Block): CriterionSeed {
  return area('4', 'Cải cách tổ chức bộ máy hành chính', [
    criterion('4.1', 'Thực hiện quy định về tổ chức bộ máy', [
      b.district
        ? onTime('Ban hành quy định chức năng, nhiệm vụ, quyền hạn của các phòng chuyên môn thuộc UBND cấp huyện', '1', 'Ban hành', {
            evidence: 'Quyết định của UBND quận, huyện, thị xã (Quyết định số …/QĐ-UBND, ngày ban hành)',
          })
        : onTime('Ban hành quy định chức năng, nhiệm vụ, quyền hạn của các phòng, đơn vị thuộc Sở', '1', 'Ban hành', {
            guidance: 'Căn cứ Quyết định của UBND Thành phố quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở.',
            evidence: 'Quyết định của Giám đốc Sở quy định chức năng, nhiệm vụ của các phòng, đơn vị (Quyết định số …/QĐ-…, ngày ban hành)',
          }),
      yesNo('Bố trí số lượng lãnh đạo cấp phòng đúng quy định', '0.5', 'Đúng quy định', 'Vượt số lượng theo quy định', {
        evidence: 'Danh sách lãnh đạo cấp phòng tại thời điểm 31/12/2023 kèm các quyết định bổ nhiệm',
      }),
      b.district
        ? onTime('Sắp xếp đơn vị hành chính cấp xã, thôn, tổ dân phố theo lộ trình giai đoạn 2023–2025', '1', 'Hoàn thành', {
            guidance:
              'Địa phương không có đơn vị thuộc diện sắp xếp trong năm 2023 được đánh giá trên việc rà soát, báo cáo theo yêu cầu của Thành phố.',
            evidence:
              'Đề án, Nghị quyết, Quyết định về sắp xếp đơn vị hành chính cấp xã, thôn, tổ dân phố; báo cáo tiến độ thực hiện (Báo cáo số …/BC-UBND)',
          })
        : onTime('Sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập trực thuộc theo lộ trình', '1', 'Hoàn thành', {
            guidance: 'Đơn vị không có nhiệm vụ sắp xếp trong năm 2023 thì không đánh giá (không tính vào điểm tối đa).',
            evidence: 'Đề án và Quyết định sắp xếp, tổ chức lại đơn vị sự nghiệp công lập (Quyết định số …/QĐ-UBND, ngày ban hành)',
          }),
      survey(
        'Đánh giá về tính hợp lý của cơ cấu tổ chức và sự phân định chức năng, nhiệm vụ giữa các phòng, đơn vị',
        '1.5',
        `${LEADERS}; ${STAFF}`,
      ),
    ]),
    criterion('4.2', 'Quản lý biên chế', [
      yesNo(
        'Sử dụng biên chế công chức, số lượng người làm việc không vượt số được giao',
        '0.5',
        'Không vượt số được giao',
        'Vượt số được giao',
        {
          evidence: 'Quyết định giao biên chế năm 2023 của UBND Thành phố; báo cáo số lượng biên chế có mặt tại thời điểm 31/12/2023',
        },
      ),
      leaf(
        'Thực hiện tinh giản biên chế theo lộ trình',
        '0.5',
        [
          band('Đạt chỉ tiêu tinh giản được giao', '0.5'),
          band('Đạt từ 50% đến dưới 100% chỉ tiêu', '0.25'),
          band('Đạt dưới 50% chỉ tiêu', '0'),
        ],
        {
          evidence: 'Kế hoạch tinh giản biên chế; các quyết định giải quyết tinh giản biên chế ban hành trong năm 2023',
        },
      ),
    ]),
    criterion('4.3', 'Thực hiện phân cấp, ủy quyền', [
      percent('Thực hiện các nhiệm vụ được UBND Thành phố phân cấp, ủy quyền', '1', {
        guidance: 'Tỷ lệ = số nhiệm vụ được phân cấp, ủy quyền thực hiện đầy đủ, đúng quy định ÷ tổng số nhiệm vụ được phân cấp, ủy quyền.',
        evidence: `Báo cáo kết quả thực hiện nhiệm vụ được phân cấp, ủy quyền năm 2023 (Báo cáo ${no(b, 'BC')})`,
      }),
      b.district
        ? yesNo(
            'Phân cấp, ủy quyền cho UBND cấp xã và kiểm tra việc thực hiện',
            '0.5',
            'Có văn bản phân cấp, ủy quyền và kiểm tra việc thực hiện',
            'Không thực hiện',
            {
              evidence: 'Quyết định phân cấp, ủy quyền (Quyết định số …/QĐ-UBND); báo cáo kết quả kiểm tra việc thực hiện',
            },
          )
        : yesNo(
            'Kiểm tra, đánh giá việc thực hiện nhiệm vụ đã phân cấp cho UBND cấp huyện thuộc ngành, lĩnh vực',
            '0.5',
            'Có kiểm tra, đánh giá và báo cáo UBND Thành phố',
            'Không thực hiện',
            {
              evidence: 'Kế hoạch và thông báo kết quả kiểm tra; báo cáo đánh giá gửi UBND Thành phố (số, ngày)',
            },
          ),
      survey('Đánh giá về hiệu quả thực hiện phân cấp, ủy quyền', '1.5', LEADERS),
    ]),
  ]);
}

/** 12 points: 8 self-scored, 4 survey. */
function civilService(b: Block): CriterionSeed {
  const fifth = b.district
    ? criterion('5.5', 'Quản lý cán bộ, công chức cấp xã', [
        percent('Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn theo quy định', '0.5', {
          high: 100,
          low: 90,
          evidence: 'Báo cáo số lượng, chất lượng cán bộ, công chức cấp xã năm 2023 (Báo cáo số …/BC-UBND)',
        }),
        yesNo(
          'Tuyển dụng, đánh giá, xếp loại cán bộ, công chức cấp xã đúng quy định',
          '0.5',
          'Đúng quy định',
          'Có sai phạm bị cơ quan có thẩm quyền kết luận',
          {
            evidence:
              'Kế hoạch, quyết định công nhận kết quả tuyển dụng công chức cấp xã; quyết định phê duyệt kết quả đánh giá, xếp loại năm 2023',
          },
        ),
      ])
    : leafCriterion(
        '5.5',
        percent('Cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức của Thành phố', '1', {
          high: 100,
          low: 90,
          guidance:
            'Tỷ lệ hồ sơ cán bộ, công chức, viên chức được cập nhật đầy đủ, chính xác trên phần mềm quản lý hồ sơ cán bộ, công chức, viên chức của Thành phố.',
          evidence: 'Ảnh chụp màn hình báo cáo thống kê trên phần mềm (có ngày trích xuất)',
        }),
      );

  return area('5', 'Cải cách chế độ công vụ', [
    criterion('5.1', 'Thực hiện quy định về vị trí việc làm', [
      onTime('Xây dựng, điều chỉnh Đề án vị trí việc làm', '0.5', 'Hoàn thành', {
        evidence: 'Đề án vị trí việc làm và Quyết định phê duyệt của cấp có thẩm quyền (Quyết định số …/QĐ-UBND, ngày ban hành)',
      }),
      percent('Bố trí công chức, viên chức theo vị trí việc làm được phê duyệt', '1', {
        high: 100,
        low: 90,
        evidence: 'Danh sách công chức, viên chức theo vị trí việc làm tại thời điểm 31/12/2023',
      }),
    ]),
    criterion('5.2', 'Tuyển dụng, sử dụng và quản lý công chức, viên chức', [
      yesNo(
        'Tuyển dụng, tiếp nhận công chức, viên chức đúng quy định',
        '1',
        'Đúng quy định',
        'Có sai phạm bị cơ quan có thẩm quyền kết luận',
        {
          guidance: 'Đơn vị không tuyển dụng, tiếp nhận trong năm được điểm tối đa nếu không có sai phạm.',
          evidence: 'Kế hoạch, thông báo tuyển dụng và quyết định công nhận kết quả; hoặc báo cáo không tổ chức tuyển dụng trong năm',
        },
      ),
      yesNo(
        'Bổ nhiệm, bổ nhiệm lại công chức lãnh đạo, quản lý đúng quy trình',
        '1',
        'Đúng quy trình, thẩm quyền',
        'Có sai phạm bị cơ quan có thẩm quyền kết luận',
        {
          evidence: 'Hồ sơ, quyết định bổ nhiệm, bổ nhiệm lại trong năm 2023 (số, ký hiệu, ngày ban hành)',
        },
      ),
      onTime('Thực hiện chuyển đổi vị trí công tác theo Nghị định số 59/2019/NĐ-CP', '0.5', 'Thực hiện', {
        evidence: `Kế hoạch chuyển đổi vị trí công tác năm 2023 (Kế hoạch ${no(b, 'KH')}) và các quyết định chuyển đổi`,
      }),
    ]),
    criterion('5.3', 'Đánh giá, xếp loại và kỷ luật, kỷ cương hành chính', [
      onTime('Đánh giá, xếp loại chất lượng công chức, viên chức', '0.5', 'Hoàn thành', {
        evidence: 'Quyết định hoặc thông báo kết quả đánh giá, xếp loại chất lượng công chức, viên chức năm 2023',
      }),
      leaf(
        'Kiểm tra công vụ, kỷ luật, kỷ cương hành chính',
        '1',
        [
          band('Ban hành kế hoạch và tổ chức kiểm tra công vụ theo kế hoạch', '1'),
          band('Có kế hoạch nhưng tổ chức kiểm tra chưa đầy đủ', '0.5'),
          band('Không ban hành kế hoạch kiểm tra', '0'),
        ],
        {
          evidence: `Kế hoạch kiểm tra công vụ năm 2023 (Kế hoạch ${no(b, 'KH')}); biên bản, thông báo kết quả kiểm tra`,
        },
      ),
    ]),
    criterion('5.4', 'Đào tạo, bồi dưỡng cán bộ, công chức, viên chức', [
      onTime('Ban hành Kế hoạch đào tạo, bồi dưỡng năm 2023', '0.5', 'Ban hành', {
        evidence: `Kế hoạch đào tạo, bồi dưỡng năm 2023 (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
      }),
      percent('Mức độ thực hiện Kế hoạch đào tạo, bồi dưỡng', '1', {
        evidence: 'Báo cáo kết quả đào tạo, bồi dưỡng năm 2023 kèm danh sách và chứng chỉ của người được cử đi đào tạo, bồi dưỡng',
      }),
    ]),
    fifth,
    criterion('5.6', 'Đánh giá về chế độ công vụ', [
      survey('Đánh giá về tính công khai, minh bạch trong tuyển dụng, bổ nhiệm công chức', '1', `${LEADERS}; ${STAFF}`),
      survey('Đánh giá về năng lực, trách nhiệm của cán bộ, công chức trong thực thi công vụ', '1.5', LEADERS),
      survey('Mức độ hài lòng của người dân, tổ chức về thái độ phục vụ của cán bộ, công chức', '1.5', CITIZENS),
    ]),
  ]);
}

/** 9 points: 6.5 self-scored, 2.5 survey. */
function publicFinance(b: Block): CriterionSeed {
  return area('6', 'Cải cách tài chính công', [
    criterion('6.1', 'Quản lý, sử dụng ngân sách nhà nước', [
      percent('Tỷ lệ giải ngân vốn đầu tư công được giao', '1.5', {
        high: 95,
        low: 80,
        guidance: b.district
          ? 'Tính trên tổng vốn đầu tư công năm 2023 được giao (ngân sách Thành phố và ngân sách cấp huyện).'
          : 'Đơn vị không được giao vốn đầu tư công thì không đánh giá (không tính vào điểm tối đa).',
        evidence:
          'Báo cáo tình hình giải ngân vốn đầu tư công năm 2023, số liệu có xác nhận của Kho bạc Nhà nước đến hết thời gian giải ngân',
      }),
      yesNo(
        'Công khai dự toán, quyết toán ngân sách theo quy định',
        '0.5',
        'Công khai đầy đủ, đúng thời hạn',
        'Không công khai hoặc công khai không đầy đủ, không đúng thời hạn',
        {
          evidence:
            'Quyết định công bố công khai dự toán, quyết toán; ảnh chụp màn hình đăng tải trên Cổng/Trang thông tin điện tử (có ngày đăng)',
        },
      ),
      b.district
        ? leaf(
            'Thực hiện dự toán thu ngân sách nhà nước trên địa bàn',
            '1',
            [
              band('Đạt hoặc vượt dự toán được giao', '1'),
              band('Đạt từ 90% đến dưới 100% dự toán', '0.5'),
              band('Đạt dưới 90% dự toán', '0'),
            ],
            {
              evidence: 'Báo cáo thực hiện thu ngân sách năm 2023 (Báo cáo số …/BC-UBND) có số liệu đối chiếu của Chi cục Thuế',
            },
          )
        : percent('Thực hiện kiến nghị của thanh tra, kiểm toán về tài chính, ngân sách', '1', {
            high: 100,
            low: 80,
            guidance: 'Không có kiến nghị phải thực hiện trong năm thì được điểm tối đa.',
            evidence: 'Kết luận thanh tra, báo cáo kiểm toán và báo cáo kết quả thực hiện kiến nghị (Báo cáo số …/BC-…)',
          }),
      survey('Đánh giá về tính công khai, minh bạch trong quản lý, sử dụng tài chính công', '1', LEADERS),
    ]),
    criterion('6.2', 'Thực hiện cơ chế tự chủ tài chính', [
      onTime('Ban hành, cập nhật Quy chế chi tiêu nội bộ', '0.5', 'Ban hành', {
        evidence: `Quyết định ban hành Quy chế chi tiêu nội bộ (Quyết định ${no(b, 'QĐ')}, ngày ban hành)`,
      }),
      onTime('Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập trực thuộc', '1', 'Hoàn thành', {
        guidance: b.district
          ? 'Gồm các trường học, trung tâm văn hóa, thể thao và đơn vị sự nghiệp khác thuộc UBND cấp huyện.'
          : 'Đơn vị không có đơn vị sự nghiệp công lập trực thuộc thì không đánh giá (không tính vào điểm tối đa).',
        evidence:
          'Quyết định giao quyền tự chủ tài chính giai đoạn 2023–2025 cho từng đơn vị sự nghiệp công lập (số, ký hiệu, ngày ban hành)',
      }),
      b.district
        ? leaf(
            'Kiểm tra công tác quản lý tài chính, ngân sách của UBND cấp xã',
            '1',
            [
              band('Kiểm tra từ 30% số đơn vị cấp xã trở lên', '1'),
              band('Kiểm tra dưới 30% số đơn vị cấp xã', '0.5'),
              band('Không kiểm tra', '0'),
            ],
            {
              evidence: 'Kế hoạch kiểm tra (Kế hoạch số …/KH-UBND); thông báo kết luận kiểm tra tại từng xã, phường, thị trấn',
            },
          )
        : leaf(
            'Mức độ tự chủ chi thường xuyên của các đơn vị sự nghiệp công lập trực thuộc',
            '1',
            [
              band('Số đơn vị tự bảo đảm chi thường xuyên tăng so với năm 2022', '1'),
              band('Giữ nguyên so với năm 2022', '0.5'),
              band('Giảm so với năm 2022', '0'),
            ],
            {
              evidence: 'Báo cáo kết quả thực hiện tự chủ tài chính năm 2023 kèm danh sách đơn vị theo mức độ tự chủ',
            },
          ),
      survey('Đánh giá về hiệu quả sử dụng ngân sách và thực hiện cơ chế tự chủ', '1.5', `${LEADERS}; ${STAFF}`),
    ]),
    criterion('6.3', 'Quản lý, sử dụng tài sản công', [
      yesNo('Ban hành Quy chế quản lý, sử dụng tài sản công', '0.5', 'Có Quy chế còn hiệu lực', 'Không có Quy chế', {
        evidence: `Quyết định ban hành Quy chế quản lý, sử dụng tài sản công (Quyết định ${no(b, 'QĐ')})`,
      }),
      onTime('Cập nhật dữ liệu vào Cơ sở dữ liệu quốc gia về tài sản công', '0.5', 'Cập nhật', {
        evidence: 'Báo cáo kê khai tài sản công năm 2023; ảnh chụp màn hình Cơ sở dữ liệu quốc gia về tài sản công (có ngày cập nhật)',
      }),
    ]),
  ]);
}

/** 17 points: 14 self-scored, 3 survey. */
function digitalGovernment(b: Block): CriterionSeed {
  const fifth = b.district
    ? criterion('7.5', 'Chuyển đổi số tại UBND cấp xã', [
        rate('Tỷ lệ văn bản đi của UBND cấp xã được ký số, gửi dưới dạng điện tử', '0.25', { evidence: DOCS_STATS }),
        rate('Tỷ lệ hồ sơ TTHC cấp xã được xử lý trực tuyến toàn trình', '0.25', { evidence: SYSTEM_STATS }),
      ])
    : leafCriterion(
        '7.5',
        yesNo(
          'Hướng dẫn, triển khai chuyển đổi số trong ngành, lĩnh vực đến cấp huyện, cấp xã',
          '0.5',
          'Có văn bản hướng dẫn và triển khai nền tảng số của ngành',
          'Không thực hiện',
          {
            evidence:
              'Văn bản hướng dẫn gửi UBND các quận, huyện, thị xã (số, ký hiệu, ngày ban hành); báo cáo triển khai nền tảng số của ngành',
          },
        ),
      );

  return area('7', 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số', [
    criterion('7.1', 'Kế hoạch chuyển đổi số và bảo đảm an toàn thông tin', [
      onTime('Ban hành Kế hoạch chuyển đổi số năm 2023', '0.5', 'Ban hành', {
        evidence: `Kế hoạch chuyển đổi số năm 2023 (Kế hoạch ${no(b, 'KH')}, ngày ban hành)`,
      }),
      yesNo(
        'Bảo đảm an toàn thông tin theo cấp độ',
        '0.5',
        'Hồ sơ đề xuất cấp độ được phê duyệt và phương án bảo đảm an toàn thông tin được triển khai',
        'Chưa được phê duyệt',
        {
          evidence:
            'Quyết định phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin; báo cáo kiểm tra, đánh giá an toàn thông tin năm 2023',
        },
      ),
    ]),
    criterion('7.2', 'Ứng dụng công nghệ thông tin trong chỉ đạo, điều hành', [
      rate('Tỷ lệ văn bản đi được ký số và gửi, nhận dưới dạng điện tử', '1.5', {
        guidance: 'Không tính văn bản mật. Số liệu trích xuất từ Hệ thống quản lý văn bản và điều hành của Thành phố.',
        evidence: DOCS_STATS,
      }),
      rate('Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng', '1', {
        guidance: `Tính trên hồ sơ công việc của ${b.unit} (không gồm hồ sơ mật) được lập và xử lý trên hệ thống.`,
        evidence: DOCS_STATS,
      }),
      yesNo(
        'Vận hành Cổng/Trang thông tin điện tử theo quy định',
        '0.5',
        'Cập nhật đầy đủ, kịp thời thông tin theo quy định',
        'Không đáp ứng yêu cầu',
        {
          evidence: 'Đường dẫn Cổng/Trang thông tin điện tử; ảnh chụp màn hình các chuyên mục bắt buộc (có ngày chụp)',
        },
      ),
      percent('Thực hiện chế độ báo cáo trên Hệ thống thông tin báo cáo của Thành phố', '0.5', {
        high: 100,
        low: 80,
        evidence: 'Ảnh chụp màn hình danh mục báo cáo đã gửi trên Hệ thống thông tin báo cáo (có ngày gửi)',
      }),
    ]),
    criterion('7.3', 'Cung cấp dịch vụ công trực tuyến', [
      rate('Tỷ lệ TTHC đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình', '1.5', {
        evidence: 'Danh mục TTHC cung cấp dịch vụ công trực tuyến toàn trình; ảnh chụp màn hình Cổng Dịch vụ công Thành phố (có ngày chụp)',
      }),
      rate('Tỷ lệ hồ sơ TTHC được xử lý trực tuyến toàn trình', '2', {
        target: 50,
        guidance: 'Tính trên tổng số hồ sơ tiếp nhận trong năm của các TTHC đã cung cấp dịch vụ công trực tuyến toàn trình.',
        evidence: SYSTEM_STATS,
      }),
      rate('Tỷ lệ hồ sơ TTHC có phát sinh phí, lệ phí được thanh toán trực tuyến', '1.5', {
        target: 30,
        evidence:
          'Số liệu thanh toán trực tuyến năm 2023 trên Cổng Dịch vụ công quốc gia và Cổng Dịch vụ công Thành phố (ảnh chụp màn hình, có ngày trích xuất)',
      }),
      rate('Tỷ lệ TTHC được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia', '1', {
        evidence: 'Ảnh chụp màn hình danh mục TTHC của đơn vị trên Cổng Dịch vụ công quốc gia (có ngày chụp)',
      }),
      rate('Tỷ lệ hồ sơ khai thác, sử dụng dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư', '1', {
        guidance:
          'Theo Đề án 06/CP: tính trên hồ sơ của các TTHC có yêu cầu thông tin nhân thân đã kết nối với Cơ sở dữ liệu quốc gia về dân cư.',
        evidence: SYSTEM_STATS,
      }),
    ]),
    criterion('7.4', 'Phát triển dữ liệu số', [
      b.district
        ? leaf(
            'Cập nhật, làm sạch dữ liệu hộ tịch, đất đai và dữ liệu chuyên ngành trên địa bàn',
            '1.5',
            [band('Hoàn thành theo kế hoạch của Thành phố', '1.5'), band('Hoàn thành một phần', '0.75'), band('Chưa thực hiện', '0')],
            {
              evidence:
                'Báo cáo kết quả số hóa, làm sạch dữ liệu năm 2023 (Báo cáo số …/BC-UBND) kèm số liệu xác nhận của sở quản lý ngành',
            },
          )
        : leaf(
            'Xây dựng, cập nhật cơ sở dữ liệu chuyên ngành',
            '1.5',
            [
              band('Đã xây dựng và cập nhật thường xuyên', '1.5'),
              band('Đã xây dựng nhưng cập nhật chưa đầy đủ', '0.75'),
              band('Chưa xây dựng', '0'),
            ],
            {
              evidence: 'Quyết định phê duyệt, biên bản nghiệm thu cơ sở dữ liệu; ảnh chụp màn hình dữ liệu đã cập nhật (có ngày)',
            },
          ),
      yesNo(
        'Kết nối, chia sẻ dữ liệu qua Nền tảng tích hợp, chia sẻ dữ liệu của Thành phố (LGSP)',
        '0.5',
        'Đã kết nối, chia sẻ dữ liệu',
        'Chưa kết nối',
        {
          evidence: 'Văn bản xác nhận kết nối của Sở Thông tin và Truyền thông hoặc ảnh chụp màn hình nhật ký kết nối (có ngày)',
        },
      ),
    ]),
    fifth,
    criterion('7.6', 'Đánh giá về Chính quyền điện tử, Chính quyền số', [
      survey(
        'Mức độ hài lòng của người dân, tổ chức khi sử dụng dịch vụ công trực tuyến',
        '1.5',
        `${CITIZENS}; người sử dụng dịch vụ công trực tuyến`,
      ),
      survey('Đánh giá của cán bộ, công chức về hiệu quả ứng dụng công nghệ thông tin trong xử lý công việc', '1.5', STAFF),
    ]),
  ]);
}

/** 18 points: 12 self-scored, 6 survey. */
function impact(b: Block): CriterionSeed {
  const socioEconomic = b.district
    ? criterion('8.1', 'Thực hiện các chỉ tiêu phát triển kinh tế - xã hội trên địa bàn', [
        percent('Tỷ lệ chỉ tiêu phát triển kinh tế - xã hội do HĐND cấp huyện giao đạt và vượt kế hoạch', '3', {
          high: 100,
          low: 80,
          evidence: 'Báo cáo tình hình kinh tế - xã hội năm 2023 trình HĐND cấp huyện (Báo cáo số …/BC-UBND) kèm bảng chỉ tiêu',
        }),
        leaf(
          'Số doanh nghiệp thành lập mới trên địa bàn so với năm 2022',
          '2',
          [band('Tăng từ 10% trở lên', '2'), band('Tăng dưới 10%', '1'), band('Không tăng', '0')],
          {
            evidence: 'Số liệu doanh nghiệp thành lập mới năm 2022 và năm 2023 do Sở Kế hoạch và Đầu tư cung cấp',
          },
        ),
        percent('Thực hiện các công trình, dự án trọng điểm trên địa bàn đúng tiến độ', '1.5', {
          evidence: 'Danh mục công trình, dự án trọng điểm và báo cáo tiến độ thực hiện năm 2023',
        }),
      ])
    : criterion('8.1', 'Thực hiện các chỉ tiêu phát triển kinh tế - xã hội thuộc ngành, lĩnh vực', [
        percent('Tỷ lệ chỉ tiêu phát triển kinh tế - xã hội thuộc ngành, lĩnh vực được Thành phố giao đạt và vượt kế hoạch', '3', {
          high: 100,
          low: 80,
          evidence: 'Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023 (Báo cáo số …/BC-…) kèm bảng chỉ tiêu',
        }),
        leaf(
          'Kết quả các chỉ số thành phần PCI, PAPI, SIPAS, DTI thuộc lĩnh vực được giao chủ trì',
          '2',
          [band('Tăng điểm so với năm 2022', '2'), band('Giữ nguyên điểm so với năm 2022', '1'), band('Giảm điểm so với năm 2022', '0')],
          {
            guidance:
              'Áp dụng với đơn vị được UBND Thành phố giao chủ trì cải thiện chỉ số thành phần; đơn vị không được giao thì không đánh giá.',
            evidence: 'Kết quả công bố các chỉ số năm 2022 và năm 2023; văn bản giao nhiệm vụ chủ trì của UBND Thành phố',
          },
        ),
        percent('Thực hiện các công trình, dự án, nhiệm vụ trọng điểm thuộc ngành, lĩnh vực đúng tiến độ', '1.5', {
          evidence: 'Danh mục công trình, dự án, nhiệm vụ trọng điểm được giao và báo cáo tiến độ thực hiện năm 2023',
        }),
      ]);

  return area('8', 'Tác động của cải cách hành chính đến phát triển kinh tế - xã hội', [
    socioEconomic,
    criterion('8.2', 'Tiếp công dân, giải quyết khiếu nại, tố cáo', [
      percent('Tỷ lệ giải quyết khiếu nại, tố cáo thuộc thẩm quyền đúng thời hạn', '1.5', {
        high: 100,
        low: 90,
        evidence: `Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo năm 2023 (Báo cáo ${no(b, 'BC')})`,
      }),
      yesNo('Không để phát sinh khiếu kiện đông người, vượt cấp kéo dài', '1', 'Không phát sinh', 'Có phát sinh', {
        evidence: 'Báo cáo của đơn vị; văn bản xác nhận của Thanh tra Thành phố (nếu có)',
      }),
      percent('Thực hiện kết luận thanh tra, kiểm tra', '1', {
        high: 100,
        low: 80,
        guidance: 'Không có kết luận phải thực hiện trong năm thì được điểm tối đa.',
        evidence: 'Kết luận thanh tra, kiểm tra và báo cáo kết quả thực hiện (số, ký hiệu, ngày ban hành)',
      }),
    ]),
    leafCriterion(
      '8.3',
      leaf(
        'Đối thoại và giải quyết kiến nghị của người dân, doanh nghiệp',
        '2',
        [
          band('Tổ chức đối thoại và trả lời 100% kiến nghị đúng hạn', '2'),
          band('Tổ chức đối thoại nhưng còn kiến nghị trả lời chậm', '1'),
          band('Không tổ chức đối thoại', '0'),
        ],
        {
          guidance: b.district
            ? 'Chủ tịch UBND cấp huyện đối thoại với người dân, doanh nghiệp trên địa bàn ít nhất một lần trong năm.'
            : 'Lãnh đạo Sở đối thoại với doanh nghiệp về TTHC, chính sách thuộc ngành, lĩnh vực ít nhất một lần trong năm.',
          evidence: 'Kế hoạch, biên bản hội nghị đối thoại; văn bản trả lời kiến nghị sau đối thoại (số, ngày)',
        },
      ),
    ),
    criterion('8.4', 'Đánh giá tác động của cải cách hành chính', [
      survey('Mức độ hài lòng chung của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính', '2', CITIZENS),
      survey(
        b.district
          ? 'Đánh giá của doanh nghiệp về môi trường đầu tư, kinh doanh trên địa bàn'
          : 'Đánh giá của doanh nghiệp về môi trường đầu tư, kinh doanh thuộc ngành, lĩnh vực',
        '2',
        BUSINESSES,
      ),
      survey('Đánh giá về tác động của CCHC đến phát triển kinh tế - xã hội', '2', LEADERS),
    ]),
  ]);
}

/** Bonus up to 3 points, deductions up to 3 points (outside the 100). */
function bonusAndDeduction(b: Block): CriterionSeed {
  return area(
    '9',
    'Điểm thưởng, điểm trừ',
    [
      criterion(
        '9.1',
        'Điểm thưởng',
        [
          bonus(
            'Có sáng kiến, giải pháp CCHC được cấp có thẩm quyền công nhận',
            '1',
            [band('Được công nhận cấp Thành phố trở lên', '1'), band('Được công nhận cấp cơ sở', '0.5'), band('Không có', '0')],
            {
              evidence: 'Quyết định công nhận sáng kiến (số …/QĐ-…, ngày ban hành) kèm bản mô tả sáng kiến, giải pháp',
            },
          ),
          bonus(
            'Dẫn đầu về chuyển đổi số trong khối',
            '1',
            [
              band('Thuộc 3 đơn vị dẫn đầu Chỉ số chuyển đổi số (DTI) năm 2023 của khối', '1'),
              band('Thuộc 10 đơn vị dẫn đầu', '0.5'),
              band('Không thuộc nhóm dẫn đầu', '0'),
            ],
            {
              evidence: 'Quyết định công bố Chỉ số chuyển đổi số năm 2023 của UBND Thành phố (số, ngày ban hành)',
            },
          ),
          b.district
            ? bonus(
                'Có UBND cấp xã được Thành phố công nhận là mô hình điểm về CCHC',
                '1',
                [band('Có từ 2 đơn vị cấp xã trở lên', '1'), band('Có 1 đơn vị cấp xã', '0.5'), band('Không có', '0')],
                {
                  evidence: 'Văn bản công nhận, biểu dương mô hình điểm của UBND Thành phố (số, ký hiệu, ngày ban hành)',
                },
              )
            : bonus(
                'Được lựa chọn thí điểm hoặc nhân rộng mô hình CCHC',
                '1',
                [band('Mô hình được nhân rộng trong toàn Thành phố', '1'), band('Được lựa chọn thí điểm', '0.5'), band('Không có', '0')],
                {
                  evidence:
                    'Văn bản của UBND Thành phố hoặc cơ quan Trung ương giao thí điểm, chỉ đạo nhân rộng mô hình (số, ký hiệu, ngày ban hành)',
                },
              ),
        ],
        'BONUS',
      ),
      criterion(
        '9.2',
        'Điểm trừ',
        [
          deduction(
            'Để xảy ra vi phạm kỷ luật, kỷ cương hành chính',
            '1',
            [
              band('Người đứng đầu bị kỷ luật hoặc có cán bộ, công chức bị kỷ luật từ mức cách chức trở lên', '1'),
              band('Có cán bộ, công chức bị kỷ luật khiển trách, cảnh cáo', '0.5'),
              band('Không có vi phạm', '0'),
            ],
            {
              guidance: 'Trừ theo mức cao nhất; chỉ tính các quyết định kỷ luật ban hành trong năm 2023.',
              evidence:
                'Quyết định kỷ luật ban hành trong năm 2023 (nếu có); Hội đồng thẩm định đối chiếu với số liệu theo dõi của Sở Nội vụ',
            },
          ),
          deduction(
            'Chậm hoặc không thực hiện báo cáo về CCHC theo yêu cầu',
            '1',
            [band('Có báo cáo chậm hoặc không gửi (0,25 điểm/báo cáo)', '0.25', '1'), band('Không có báo cáo chậm', '0')],
            {
              method: 'Mỗi báo cáo chậm hoặc không gửi trừ 0,25 điểm; tổng điểm trừ tối đa 1 điểm',
              guidance: 'Căn cứ sổ theo dõi tiếp nhận báo cáo của Sở Nội vụ, gồm báo cáo định kỳ và báo cáo đột xuất.',
              evidence: 'Danh mục báo cáo về CCHC đã gửi trong năm 2023 (số, ký hiệu, ngày gửi)',
            },
          ),
          deduction(
            'Có phản ánh về hành vi nhũng nhiễu, gây phiền hà trong giải quyết TTHC được xác minh là đúng',
            '1',
            [band('Có phản ánh được xác minh là đúng (0,5 điểm/trường hợp)', '0.5', '1'), band('Không có', '0')],
            {
              method: 'Mỗi trường hợp được cơ quan có thẩm quyền xác minh là đúng trừ 0,5 điểm; tổng điểm trừ tối đa 1 điểm',
              evidence: 'Văn bản kết luận xác minh phản ánh (nếu có)',
            },
          ),
        ],
        'DEDUCTION',
      ),
    ],
    'BONUS',
  );
}

const criteriaFor = (b: Block): CriterionSeed[] => [
  direction(b),
  institutions(b),
  procedures(b),
  organisation(b),
  civilService(b),
  publicFinance(b),
  digitalGovernment(b),
  impact(b),
  bonusAndDeduction(b),
];

/** Bộ chỉ số CCHC năm 2023 của các sở, ban, ngành (block DEPARTMENT). */
export const departmentCriteria2023: CriterionSeed[] = criteriaFor(DEPARTMENT);

/** Bộ chỉ số CCHC năm 2023 của UBND quận, huyện, thị xã (block DISTRICT). */
export const districtCriteria2023: CriterionSeed[] = criteriaFor(DISTRICT);

/** The example tabs the console opens with: the questions analysts ask most, in Vietnamese. */
export function exampleTabs(periodId: number | null, unitId: number | null): { query: string; variables?: string }[] {
  const variables = (value: object) => JSON.stringify(value, null, 2);
  return [
    {
      query: `# Đăng nhập: phiên làm việc được lưu trong cookie, các truy vấn sau dùng luôn.
# (Dùng công cụ khác: gửi token trong header "Authorization: Bearer <token>".)
mutation DangNhap {
  login(username: "analyst", password: "hanoi2023") { token expiresAt user { displayName roles } }
}`,
    },
    {
      query: `# Xếp hạng một khối, kèm chỉ số thành phần theo lĩnh vực và thay đổi so với năm trước.
query XepHang($periodId: Int!) {
  periodResults(periodId: $periodId, first: 30, filter: { block: DISTRICT }) {
    totalCount
    aggregates { index { avg min max } groups { code count } }
    nodes {
      rank index group { code } change
      unit { code name }
      details { achieved applicableMax bonus deduction areas { code index blockAverage } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
      variables: variables({ periodId }),
    },
    {
      query: `# Các đơn vị nhóm A, hoặc tụt chỉ số so với năm trước; trang tiếp theo: after = endCursor.
query NhomVaThayDoi($periodId: Int!, $after: String) {
  nhomA: periodResults(periodId: $periodId, first: 100, filter: { groupCodes: ["A"] }) {
    totalCount nodes { rank index unit { code name block } }
  }
  giamChiSo: periodResults(periodId: $periodId, first: 20, after: $after, filter: { change: { max: "0" } },
                           orderBy: [{ field: CHANGE, direction: ASC }]) {
    nodes { unit { name } previousIndex index change }
    pageInfo { hasNextPage endCursor }
  }
}`,
      variables: variables({ periodId, after: null }),
    },
    {
      query: `# So sánh một đơn vị với năm trước theo từng tiêu chí (ghép theo mã giữa hai phiên bản bộ tiêu chí).
query SoSanh($periodId: Int!, $unitId: Int!) {
  resultComparison(periodId: $periodId, unitId: $unitId) {
    previousYear
    criteria { code level status title maxPoints previousMaxPoints index previousIndex change }
  }
}`,
      variables: variables({ periodId, unitId }),
    },
    {
      query: `# Hiệu chỉnh: tiêu chí bị hạ điểm nhiều nhất, đơn vị tự chấm cao nhất so với thẩm định.
query HieuChinh($periodId: Int!) {
  tieuChi: calibration(periodId: $periodId, by: CRITERION, first: 10) {
    summary { appraisedCount loweredCount gapSum }
    nodes { code label loweredCount appraisedCount loweredShare averageGap }
  }
  donVi: calibration(periodId: $periodId, by: UNIT, first: 10) {
    nodes { code label overScoreSum loweredCount }
  }
}`,
      variables: variables({ periodId }),
    },
    {
      query: `# Thống kê điểm theo lĩnh vực (count, sum, avg, min, max) và các điểm bị thẩm định thay đổi.
query ThongKe($periodId: Int!) {
  scoreAggregates(filter: { periodId: $periodId, block: DEPARTMENT }, groupBy: AREA, first: 20) {
    nodes { key label count scoredCount self { sum avg } final { sum avg min max } }
  }
  scoreRecords(filter: { periodId: $periodId, changedByAppraisal: true }, first: 20, orderBy: [{ field: GAP, direction: ASC }]) {
    totalCount
    nodes { unit { code } criterion { code title maxPoints } selfPoints round1Points round2Points finalPoints }
  }
}`,
      variables: variables({ periodId }),
    },
    {
      query: `# Tài liệu kiểm chứng, ý kiến trao đổi khi thẩm định và góp ý dự thảo hướng dẫn (các đợt đã kết thúc).
query TraoDoi($periodId: Int!) {
  evidenceRecords(filter: { periodId: $periodId, search: "UBND" }, first: 20) {
    totalCount aggregates { totalBytes }
    nodes { unit { code } documentNumber issueDate issuingBody title criterionCodes }
  }
  commentRecords(filter: { periodId: $periodId, resolved: false }, first: 20) {
    totalCount nodes { unit { code } criterionCode authorName body createdAt }
  }
  feedbackRecords(filter: { aspects: [EVIDENCE_REQUIREMENT] }, first: 20) {
    totalCount aggregates { byResolution { resolution count } }
    nodes { consultationTitle unit { name } criterionCode text resolution explanation }
  }
}`,
      variables: variables({ periodId }),
    },
  ];
}

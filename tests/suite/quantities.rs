//! The number reader, table-driven, through `zhengce quantities --json`: every case is
//! one input line, and the expected values were worked out by hand from the Chinese.

use crate::common;

use common::{data_of, run_in, stderr, LineQuantities};

/// What one quantity should read as.
#[derive(Debug, Clone, PartialEq)]
struct Want {
    value: f64,
    max: Option<f64>,
    unit: &'static str,
    bound: &'static str,
    kind: &'static str,
    approximate: bool,
}

impl Want {
    /// A vague or round figure: 多, 余, 几, 约, 近, 左右, 十七八, 逾百.
    fn about(mut self) -> Want {
        self.approximate = true;
        self
    }

    fn bound(mut self, bound: &'static str) -> Want {
        self.bound = bound;
        self
    }
}

/// An amount: a count or a measure, percentages included.
fn q(value: f64, unit: &'static str, bound: &'static str) -> Want {
    Want {
        value,
        max: None,
        unit,
        bound,
        kind: "amount",
        approximate: false,
    }
}

fn range(low: f64, high: f64, unit: &'static str) -> Want {
    Want {
        max: Some(high),
        ..q(low, unit, "between")
    }
}

/// A fraction X分之Y: the plain ratio Y/X, no unit.
fn frac(value: f64) -> Want {
    Want {
        kind: "fraction",
        ..q(value, "", "=")
    }
}

/// 第N: a rank, with the measure word that follows it, if any.
fn ord(value: f64, unit: &'static str) -> Want {
    Want {
        kind: "ordinal",
        ..q(value, unit, "=")
    }
}

/// An input line and the quantities it holds, in order.
type Case = (&'static str, Vec<Want>);

fn cases() -> Vec<Case> {
    vec![
        // Arabic numerals, decimals, thousands separators, full-width digits
        ("合格率达到98.5%以上", vec![q(98.5, "%", ">=")]),
        ("达到96%", vec![q(96.0, "%", "=")]),
        ("全省企业达70000家以上", vec![q(70000.0, "家", ">=")]),
        ("累计70,000家", vec![q(70000.0, "家", "=")]),
        ("新增１２０家", vec![q(120.0, "家", "=")]),
        ("占比２．８％", vec![q(2.8, "%", "=")]),
        ("制修订标准 9 项以上", vec![q(9.0, "项", ">=")]),
        ("稳定在 4% 左右", vec![q(4.0, "%", "~").about()]),
        ("指数达到 94 以上", vec![q(94.0, "", ">=")]),
        ("指数达到92。", vec![q(92.0, "", "=")]),
        ("满意度达85以上", vec![q(85.0, "", ">=")]),
        ("培养1000名左右人才", vec![q(1000.0, "名", "~").about()]),
        ("培育100家左右企业", vec![q(100.0, "家", "~").about()]),
        ("达 100 个（项）", vec![q(100.0, "个", "=")]),
        ("新增智能工厂（车间）80 家", vec![q(80.0, "家", "=")]),
        ("研发投入占比达到2.8%", vec![q(2.8, "%", "=")]),
        ("增长0.5个百分点", vec![q(0.5, "百分点", "=")]),
        ("提高2个百分点以上", vec![q(2.0, "百分点", ">=")]),
        ("每年选取 3 类以上重点产品", vec![q(3.0, "类", ">=")]),
        ("3000个", vec![q(3000.0, "个", "=")]),
        // 万/亿/万亿 multipliers after Arabic numerals
        ("超过 12 万家", vec![q(120000.0, "家", ">")]),
        ("1.2万", vec![q(12000.0, "", "=")]),
        ("证书 18 万张", vec![q(180000.0, "张", "=")]),
        ("装机1.2亿千瓦", vec![q(120000000.0, "千瓦", "=")]),
        ("设立5亿元的基金", vec![q(500000000.0, "元", "=")]),
        ("规模达3.5万亿元", vec![q(3.5e12, "元", "=")]),
        ("投入5000万元", vec![q(50000000.0, "元", "=")]),
        ("带动就业200万人", vec![q(2000000.0, "人", "=")]),
        ("服务500万人次", vec![q(5000000.0, "人次", "=")]),
        ("年产值2.5万亿", vec![q(2.5e12, "", "=")]),
        ("0.8万吨", vec![q(8000.0, "吨", "=")]),
        ("1.5万平方公里", vec![q(15000.0, "平方公里", "=")]),
        // 多 / 余 / approximations
        ("投资500多亿元", vec![q(50000000000.0, "元", ">").about()]),
        ("惠及3000余家企业", vec![q(3000.0, "家", ">").about()]),
        ("建成100多个站点", vec![q(100.0, "个", ">").about()]),
        ("约30%", vec![q(30.0, "%", "~").about()]),
        ("近3万家", vec![q(30000.0, "家", "~").about()]),
        ("超过5000家", vec![q(5000.0, "家", ">")]),
        ("不少于10家", vec![q(10.0, "家", ">=")]),
        ("不低于95%", vec![q(95.0, "%", ">=")]),
        ("不超过5%", vec![q(5.0, "%", "<=")]),
        ("低于0.5%", vec![q(0.5, "%", "<")]),
        ("控制在3%以内", vec![q(3.0, "%", "<=")]),
        ("1%以下", vec![q(1.0, "%", "<=")]),
        ("至少3个", vec![q(3.0, "个", ">=")]),
        ("百家争鸣", vec![]),
        ("90%及以上", vec![q(90.0, "%", ">=")]),
        // Chinese numerals
        ("十二项", vec![q(12.0, "项", "=")]),
        ("二十二个", vec![q(22.0, "个", "=")]),
        ("两万家", vec![q(20000.0, "家", "=")]),
        ("一百零五家", vec![q(105.0, "家", "=")]),
        ("一千零一个", vec![q(1001.0, "个", "=")]),
        ("三万五千人", vec![q(35000.0, "人", "=")]),
        ("十万家", vec![q(100000.0, "家", "=")]),
        ("两万亿元", vec![q(2e12, "元", "=")]),
        ("一亿二千万元", vec![q(120000000.0, "元", "=")]),
        ("壹佰贰拾叁元", vec![q(123.0, "元", "=")]),
        ("三点五亿元", vec![q(350000000.0, "元", "=")]),
        ("五百以上", vec![q(500.0, "", ">=")]),
        ("培育五十家", vec![q(50.0, "家", "=")]),
        ("建设三个中心", vec![q(3.0, "个", "=")]),
        ("两个以上", vec![q(2.0, "个", ">=")]),
        ("翻一番", vec![q(1.0, "番", "=")]),
        ("提高两倍", vec![q(2.0, "倍", "=")]),
        ("二〇个", vec![q(20.0, "个", "=")]),
        ("一百万元", vec![q(1000000.0, "元", "=")]),
        ("九十九项", vec![q(99.0, "项", "=")]),
        // Percentages and fractions in words, 成
        ("百分之九十", vec![q(90.0, "%", "=")]),
        ("百分之九十五以上", vec![q(95.0, "%", ">=")]),
        ("百分之三点五", vec![q(3.5, "%", "=")]),
        ("百分之12", vec![q(12.0, "%", "=")]),
        ("千分之五", vec![q(5.0, "‰", "=")]),
        ("三分之一", vec![frac(1.0 / 3.0)]),
        ("三成", vec![q(30.0, "%", "=")]),
        ("提高两成以上", vec![q(20.0, "%", ">=")]),
        ("5成", vec![q(50.0, "%", "=")]),
        // Ranges
        ("通过 3—5 年努力", vec![range(3.0, 5.0, "年")]),
        ("3-5年", vec![range(3.0, 5.0, "年")]),
        ("3~5个", vec![range(3.0, 5.0, "个")]),
        ("10%—15%", vec![range(10.0, 15.0, "%")]),
        ("5至10家", vec![range(5.0, 10.0, "家")]),
        ("十七八万", vec![range(170000.0, 180000.0, "").about()]),
        ("三五年", vec![range(3.0, 5.0, "年").about()]),
        ("七八十家", vec![range(70.0, 80.0, "家").about()]),
        ("1万—2万家", vec![range(10000.0, 20000.0, "家")]),
        // Durations and deadlines are quantities (the target reader sets them aside)
        ("30日内", vec![q(30.0, "日", "=")]),
        ("6个月", vec![q(6.0, "个月", "=")]),
        ("5个工作日", vec![q(5.0, "个工作日", "=")]),
        ("48小时", vec![q(48.0, "小时", "=")]),
        // Several in one line
        (
            "分别达到65%和55%",
            vec![q(65.0, "%", "="), q(55.0, "%", "=")],
        ),
        (
            "国际标准 9 项以上、国家标准 300 项以上",
            vec![q(9.0, "项", ">="), q(300.0, "项", ">=")],
        ),
        (
            "到2025年，建成10个中心、培育20家企业",
            vec![q(10.0, "个", "="), q(20.0, "家", "=")],
        ),
        // Ordinals are reported as such (kind "ordinal"), with their measure word
        ("第一条", vec![ord(1.0, "条")]),
        ("第3章", vec![ord(3.0, "章")]),
        ("第二十二条", vec![ord(22.0, "条")]),
        // Not quantities: dates, 文号, labels, names, words
        ("到2025年", vec![]),
        ("到 2020 年底", vec![]),
        ("二〇二五年", vec![]),
        ("2021—2025年", vec![]),
        ("2023年9月14日", vec![]),
        ("9月17日前", vec![]),
        ("粤府〔2020〕50号", vec![]),
        ("粤府办〔2018〕38 号", vec![]),
        ("（一）强化质量", vec![]),
        ("1．完善标准", vec![]),
        ("获得 ISO9001 认证", vec![]),
        ("ISO 9001", vec![]),
        ("GB/T 9704", vec![]),
        ("推广5G应用", vec![]),
        ("“1+1+9”工作部署", vec![]),
        ("中国500强", vec![]),
        ("21世纪海上丝绸之路", vec![]),
        ("一切", vec![]),
        ("统一部署", vec![]),
        ("五角大楼", vec![]),
        ("十分重要", vec![]),
        ("千家万户", vec![]),
        ("千方百计", vec![]),
        ("“十四五”时期", vec![]),
        ("十四五规划", vec![]),
        ("三农", vec![]),
        ("一体化", vec![]),
        ("进一步", vec![]),
        ("唯一", vec![]),
        ("百姓", vec![]),
        ("电话：0769-22831234", vec![]),
        ("邮编 523000", vec![]),
        ("12345热线", vec![]),
        ("见第3.1.2节", vec![]),
        ("按照2.1.3的要求", vec![]),
    ]
}

/// Number classes that policy texts and number-recognition suites exercise, one table per
/// class. Sentences are written after real policy prose (several are quoted from State
/// Council texts); the expectations follow the rules in docs/json.md § Quantity.
fn class_cases() -> Vec<(&'static str, Vec<Case>)> {
    vec![
        (
            "negative",
            vec![
                ("全年货物进出口总额同比增长-2.5%", vec![q(-2.5, "%", "=")]),
                ("利润总额-2000万元", vec![q(-2e7, "元", "=")]),
                ("经营性现金流量净额为-2000", vec![q(-2000.0, "", "=")]),
                ("负十五", vec![q(-15.0, "", "=")]),
                ("增速为负一点五个百分点", vec![q(-1.5, "百分点", "=")]),
                // A temperature below zero is a negative value in its own unit.
                ("最低气温零下15度", vec![q(-15.0, "度", "=")]),
                ("最低气温降至零下五摄氏度", vec![q(-5.0, "℃", "=")]),
                ("冷库温度保持在-18℃以下", vec![q(-18.0, "℃", "<=")]),
                ("储存温度-5~5℃", vec![range(-5.0, 5.0, "℃")]),
                ("温度-10~-5℃", vec![range(-10.0, -5.0, "℃")]),
                ("肩负三项任务", vec![q(3.0, "项", "=")]),
                // 下降 says the direction; the number itself stays positive.
                ("居民消费价格同比下降0.3%", vec![q(0.3, "%", "=")]),
                ("同比+5.2%", vec![q(5.2, "%", "=")]),
                // A hyphen between two numbers is a range or an identifier, never a sign.
                ("每人补助2,000-3,000元", vec![range(2000.0, 3000.0, "元")]),
                ("3-5年", vec![range(3.0, 5.0, "年")]),
                ("增速由负转正", vec![]),
                ("各级负责同志", vec![]),
                ("避免出现负增长", vec![]),
            ],
        ),
        (
            "decimal-dian",
            vec![
                ("三点七", vec![q(3.7, "", "=")]),
                ("零点八", vec![q(0.8, "", "=")]),
                ("百分之三点五", vec![q(3.5, "%", "=")]),
                ("同比增长百分之零点五", vec![q(0.5, "%", "=")]),
                ("人均预期寿命达到七十九点五岁", vec![q(79.5, "岁", "=")]),
                ("提高零点五个百分点", vec![q(0.5, "百分点", "=")]),
                ("总人口十四点一亿人", vec![q(1.41e9, "人", "=")]),
                ("增长二点五倍", vec![q(2.5, "倍", "=")]),
                ("常住人口十二点五万", vec![q(125000.0, "", "=")]),
                // Times of day and idioms are not decimals.
                ("下午三点召开会议", vec![]),
                ("上午九点三十分", vec![]),
                ("晚上八点半", vec![]),
                ("一点一滴抓落实", vec![]),
                ("提出三点要求", vec![]),
            ],
        ),
        (
            "approximate",
            vec![
                ("参保人数三十多万人", vec![q(300000.0, "人", ">").about()]),
                ("五十几万", vec![q(500000.0, "", ">").about()]),
                ("投入两千多万元", vec![q(2e7, "元", ">").about()]),
                ("逾百家企业参展", vec![q(100.0, "家", ">").about()]),
                ("近千人参加培训", vec![q(1000.0, "人", "~").about()]),
                ("带动上万人就业", vec![q(10000.0, "人", ">=").about()]),
                ("上百家", vec![q(100.0, "家", ">=").about()]),
                ("全年交易额超百亿元", vec![q(1e10, "元", ">").about()]),
                ("组建十几个工作组", vec![q(10.0, "个", ">").about()]),
                ("二十来家企业", vec![q(20.0, "家", "~").about()]),
                ("数百家企业", vec![q(100.0, "家", ">").about()]),
                ("惠及数十万人次", vec![q(100000.0, "人次", ">").about()]),
                (
                    "经该设施处理回用水量1700多万吨",
                    vec![q(1.7e7, "吨", ">").about()],
                ),
                (
                    "每年可实现经济效益4200多万元",
                    vec![q(4.2e7, "元", ">").about()],
                ),
                ("一百多", vec![q(100.0, "", ">").about()]),
                ("3万余人", vec![q(30000.0, "人", ">").about()]),
                ("千余人参加", vec![q(1000.0, "人", ">").about()]),
                ("百余家企业", vec![q(100.0, "家", ">").about()]),
                ("上千万元", vec![q(1e7, "元", ">=").about()]),
                ("数以万计", vec![]),
                ("通过千人计划引进人才", vec![]),
                ("线上百家门店", vec![]),
                // Exact thresholds are not approximate, though unequal.
                ("超过5000家", vec![q(5000.0, "家", ">")]),
                ("不少于10家", vec![q(10.0, "家", ">=")]),
                // Words of quantity that give no number.
                ("成千上万的群众", vec![]),
                ("三五成群", vec![]),
                ("以下几方面工作", vec![]),
                ("几个具体问题", vec![]),
                ("数字经济", vec![]),
            ],
        ),
        (
            "thousands-separator",
            vec![
                ("总投资2,500,000,000元", vec![q(2.5e9, "元", "=")]),
                ("共计1,234.56万元", vec![q(12345600.0, "元", "=")]),
                ("累计10,000户", vec![q(10000.0, "户", "=")]),
                ("建筑面积12,500平方米", vec![q(12500.0, "平方米", "=")]),
                // Not groups of three: a list.
                (
                    "得分依次为1,2,3",
                    vec![q(1.0, "", "="), q(2.0, "", "="), q(3.0, "", "=")],
                ),
                // A full-width comma in Chinese prose ends a clause, it groups no digits.
                (
                    "参与企业5，300余人参加培训",
                    vec![q(5.0, "", "="), q(300.0, "人", ">").about()],
                ),
                (
                    "全省共有市8，县（区）120",
                    vec![q(8.0, "", "="), q(120.0, "", "=")],
                ),
            ],
        ),
        (
            "fraction-percent",
            vec![
                ("四分之三", vec![frac(0.75)]),
                ("一千分之五", vec![frac(0.005)]),
                ("百分之五", vec![q(5.0, "%", "=")]),
                ("千分之三", vec![q(3.0, "‰", "=")]),
                ("万分之五", vec![q(5.0, "‱", "=")]),
                ("十分之一", vec![frac(0.1)]),
                ("二分之一", vec![frac(0.5)]),
                ("三分之二以上", vec![frac(2.0 / 3.0).bound(">=")]),
                (
                    "允许不超过五分之一不具有专利代理人资格的人员",
                    vec![frac(0.2).bound("<=")],
                ),
                ("百分之一百二十", vec![q(120.0, "%", "=")]),
                ("百分之十至十五", vec![range(10.0, 15.0, "%")]),
                ("百分之十至百分之十五", vec![range(10.0, 15.0, "%")]),
                ("占2/3以上", vec![frac(2.0 / 3.0).bound(">=")]),
                ("三成", vec![q(30.0, "%", "=")]),
            ],
        ),
        (
            "zero-placement",
            vec![
                ("一万零十五", vec![q(10015.0, "", "=")]),
                ("一千零五人", vec![q(1005.0, "人", "=")]),
                ("十万零三百元", vec![q(100300.0, "元", "=")]),
                ("三亿零五十万元", vec![q(300500000.0, "元", "=")]),
                ("一万零五百", vec![q(10500.0, "", "=")]),
                ("一亿零三百万", vec![q(103000000.0, "", "=")]),
                ("五万零八", vec![q(50008.0, "", "=")]),
                ("二十万零五千", vec![q(205000.0, "", "=")]),
                ("一千零二十万", vec![q(10200000.0, "", "=")]),
                ("一百零八万", vec![q(1080000.0, "", "=")]),
                ("三千零五十", vec![q(3050.0, "", "=")]),
                ("一千零一十个", vec![q(1010.0, "个", "=")]),
                ("实行零容忍", vec![]),
            ],
        ),
        (
            "ordinal",
            vec![
                ("第三", vec![ord(3.0, "")]),
                ("第5次", vec![ord(5.0, "次")]),
                ("第 5 次", vec![ord(5.0, "次")]),
                ("第十四个五年规划", vec![ord(14.0, "个")]),
                (
                    "我国大陆仍处在本世纪以来第五个地震活跃期",
                    vec![ord(5.0, "个")],
                ),
                (
                    "依照本条例第三十二条第二款的规定",
                    vec![ord(32.0, "条"), ord(2.0, "款")],
                ),
                ("第1季度", vec![ord(1.0, "季度")]),
                ("第二批国家级示范区", vec![ord(2.0, "批")]),
                ("综合排名位列全省第2", vec![ord(2.0, "")]),
                ("召开第十三届全国人民代表大会", vec![ord(13.0, "届")]),
                ("进入第一阶段", vec![ord(1.0, "阶段")]),
                ("引入第三方机构评估", vec![]),
                ("直接关系行政相对人或第三人重大权益", vec![]),
                ("国务院令第588号", vec![]),
            ],
        ),
        (
            "zero-events",
            vec![
                // 零 before an event or change is its count: none at all, no unit.
                ("非法转移倾倒固体废物事件零发生", vec![q(0.0, "", "=")]),
                ("确保重大安全事故零发生", vec![q(0.0, "", "=")]),
                ("实现生活垃圾零填埋", vec![q(0.0, "", "=")]),
                ("碳排放零增长", vec![q(0.0, "", "=")]),
                ("基本实现固体废物零进口。", vec![q(0.0, "", "=")]),
                (
                    "农民工工资零拖欠、零投诉",
                    vec![q(0.0, "", "="), q(0.0, "", "=")],
                ),
                // 趋零 tends to none.
                (
                    "大宗工业固体废物贮存处置总量趋零增长",
                    vec![q(0.0, "", "~").about()],
                ),
                ("新增建设用地趋于零增长", vec![q(0.0, "", "~").about()]),
                // Attitudes, slogans and words are no count of anything.
                ("对腐败零容忍", vec![]),
                ("服务群众零距离", vec![]),
                ("市场准入零门槛", vec![]),
                ("投资零风险", vec![]),
                ("实现全国直办“零跑动”", vec![]),
                ("汽车零部件和零售业", vec![]),
                ("推广零排放车辆", vec![]),
                ("实现零的突破", vec![]),
            ],
        ),
        (
            "not-amounts",
            vec![
                ("联系邮箱：zhengce2019@163.com", vec![]),
                ("电子邮箱：gdsj@gd.gov.cn。", vec![]),
                (
                    "详见http://www.gov.cn/zhengce/content/2019-05/01/content_5388.htm",
                    vec![],
                ),
                ("网址：www.gd12345.gov.cn", vec![]),
                ("咨询电话：020-83135678", vec![]),
                ("服务热线：400-123-4567", vec![]),
                ("联系电话：13800138000", vec![]),
                ("传真：（020）83135678", vec![]),
                ("邮政编码：510000", vec![]),
                ("国发〔2019〕5号", vec![]),
                ("京政发[2019]12号", vec![]),
                ("2019年第3号公告", vec![]),
                ("自2019-05-01起施行", vec![]),
                ("2019/5/1", vec![]),
                ("2019.05.01", vec![]),
                ("上午9:30开始", vec![]),
                ("9时30分", vec![]),
                ("晚8时40分15秒", vec![]),
                ("考核得分90分以上", vec![q(90.0, "分", ">=")]),
                ("二〇一九年五月一日", vec![]),
                ("5月1日起施行", vec![]),
                ("1—9月", vec![]),
            ],
        ),
        (
            "forms",
            vec![
                ("两千万元", vec![q(2e7, "元", "=")]),
                ("两亿人", vec![q(2e8, "人", "=")]),
                ("廿五人", vec![q(25.0, "人", "=")]),
                ("卅家", vec![q(30.0, "家", "=")]),
                ("十万亿元", vec![q(1e13, "元", "=")]),
                ("1.5万亿元", vec![q(1.5e12, "元", "=")]),
                ("3.5万", vec![q(35000.0, "", "=")]),
                ("1亿2000万元", vec![q(1.2e8, "元", "=")]),
                ("3万5千元", vec![q(35000.0, "元", "=")]),
                ("３．５万吨", vec![q(35000.0, "吨", "=")]),
                ("１０％～１５％", vec![range(10.0, 15.0, "%")]),
                ("3—5年", vec![range(3.0, 5.0, "年")]),
                ("3至5个", vec![range(3.0, 5.0, "个")]),
                ("三至五年", vec![range(3.0, 5.0, "年")]),
                ("5000万至1亿元", vec![range(5e7, 1e8, "元")]),
                ("10~20万元", vec![range(1e5, 2e5, "元")]),
                ("1000-2000万元", vec![range(1e7, 2e7, "元")]),
                ("3到5家", vec![range(3.0, 5.0, "家")]),
                // The spoken short form: a last digit after a unit is the next magnitude.
                ("月薪三千五", vec![q(3500.0, "", "=")]),
                ("一万二", vec![q(12000.0, "", "=")]),
                ("两百五十元", vec![q(250.0, "元", "=")]),
                ("一亿三", vec![q(1.3e8, "", "=")]),
                ("一万二千五", vec![q(12500.0, "", "=")]),
                ("二十五万", vec![q(250000.0, "", "=")]),
                // 千 and 百 after digits, except in units (千米, 千瓦).
                ("培训5千人次", vec![q(5000.0, "人次", "=")]),
                ("新建道路5千米", vec![q(5.0, "千米", "=")]),
                ("零点零五", vec![q(0.05, "", "=")]),
                // Half.
                ("一半以上", vec![frac(0.5).bound(">=")]),
                ("推进统一半导体标准", vec![]),
                ("用一年半时间", vec![q(1.5, "年", "=")]),
            ],
        ),
    ]
}

/// Runs every line through `zhengce quantities --json` and returns, per line, what was
/// read and what was wanted when they differ.
fn check(cases: &[Case]) -> Vec<String> {
    let input: String = cases.iter().map(|(line, _)| format!("{line}\n")).collect();
    let output = run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["quantities", "--json"],
        Some(input.as_bytes()),
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let lines: Vec<LineQuantities> = data_of(&output, "line");
    assert_eq!(lines.len(), cases.len());
    let mut failures = Vec::new();
    for ((text, want), got) in cases.iter().zip(&lines) {
        assert_eq!(&got.text, text);
        let got: Vec<Want> = got
            .quantities
            .iter()
            .map(|q| Want {
                value: q.value,
                max: q.max,
                unit: Box::leak(q.unit.clone().into_boxed_str()),
                bound: Box::leak(q.bound.clone().into_boxed_str()),
                kind: Box::leak(q.kind.clone().into_boxed_str()),
                approximate: q.approximate,
            })
            .collect();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * b.abs().max(1.0);
        let same = got.len() == want.len()
            && got.iter().zip(want).all(|(g, w)| {
                close(g.value, w.value)
                    && match (g.max, w.max) {
                        (Some(a), Some(b)) => close(a, b),
                        (a, b) => a.is_none() && b.is_none(),
                    }
                    && (g.unit, g.bound, g.kind, g.approximate)
                        == (w.unit, w.bound, w.kind, w.approximate)
            });
        if !same {
            failures.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    failures
}

#[test]
fn number_table() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let failures = check(&cases);
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn number_classes() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (class, cases) in class_cases() {
        let failed = check(&cases);
        report.push(format!(
            "{class}: {} of {} right",
            cases.len() - failed.len(),
            cases.len()
        ));
        failures.extend(failed.into_iter().map(|f| format!("[{class}] {f}")));
    }
    assert!(
        failures.is_empty(),
        "{}\n\n{}",
        report.join("\n"),
        failures.join("\n")
    );
}

#[test]
fn offsets_count_chars_of_the_line() {
    let output = run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["quantities", "--json"],
        Some("食品抽检合格率达到98.5%以上\n".as_bytes()),
    );
    let line: LineQuantities = data_of(&output, "line").remove(0);
    let q = &line.quantities[0];
    assert_eq!((q.start, q.end), (9, 16));
    let chars: Vec<char> = line.text.chars().collect();
    assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
    assert_eq!(q.text, "98.5%以上");
    assert_eq!(line.line, 1);
    assert_eq!(line.source, "<stdin>");
}

#[test]
fn nothing_found_exits_one() {
    let output = run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["quantities"],
        Some("没有数字的句子。\n".as_bytes()),
    );
    assert_eq!(output.status.code(), Some(1));
}

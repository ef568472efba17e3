/* suiji-sample-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-sample-data"

#include "config.h"

#include <string.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-inspector.h"
#include "suiji-item.h"
#include "suiji-profile.h"
#include "suiji-sample-data-private.h"
#include "suiji-sample-data.h"
#include "suiji-subject.h"

/* Indices into sample_departments; the tables below name departments by
 * these so that a reordered list cannot silently send subjects elsewhere. */
typedef enum
{
  DEPT_MARKET,
  DEPT_TAX,
  DEPT_ECOLOGY,
  DEPT_EMERGENCY,
  DEPT_HOUSING,
  DEPT_LAND,
  DEPT_TRANSPORT,
  DEPT_AGRICULTURE,
  DEPT_HEALTH,
  DEPT_CULTURE,
  DEPT_EDUCATION,
  DEPT_HUMAN_RESOURCES,
  DEPT_COMMERCE,
  DEPT_WATER,
  DEPT_FIRE,
  N_DEPTS
} Dept;

/* The city departments that take part in 沙河市's random inspections, in the
 * order the bureau lists them. The names are data: they are never translated. */
static const struct
{
  const char *name;
  const char *short_name;
  gboolean    is_market_regulation;
  const char *specialties[4];
} sample_departments[] = {
  [DEPT_MARKET] = { "沙河市市场监督管理局",
                    "市场监管局",
                    TRUE,
                    { "食品安全", "特种设备", "计量", "广告监管" } },
  [DEPT_TAX] = { "国家税务总局沙河市税务局",
                 "税务局",
                 FALSE,
                 { "税务稽查", "发票管理", "纳税评估" } },
  [DEPT_ECOLOGY] = { "邢台市生态环境局沙河市分局",
                     "生态环境局",
                     FALSE,
                     { "环境执法", "环境监测", "固体废物" } },
  [DEPT_EMERGENCY] = { "沙河市应急管理局",
                       "应急管理局",
                       FALSE,
                       { "安全生产", "危险化学品", "非煤矿山" } },
  [DEPT_HOUSING] = { "沙河市住房和城乡建设局",
                     "住房和城乡建设局",
                     FALSE,
                     { "建筑安全", "工程质量", "房地产市场" } },
  [DEPT_LAND] = { "沙河市自然资源和规划局",
                  "自然资源和规划局",
                  FALSE,
                  { "土地执法", "矿产资源", "测绘地理信息" } },
  [DEPT_TRANSPORT] = { "沙河市交通运输局",
                       "交通运输局",
                       FALSE,
                       { "道路运输", "机动车维修", "交通执法" } },
  [DEPT_AGRICULTURE] = { "沙河市农业农村局",
                         "农业农村局",
                         FALSE,
                         { "农资监管", "农产品质量安全", "动物卫生" } },
  [DEPT_HEALTH] = { "沙河市卫生健康局",
                    "卫生健康局",
                    FALSE,
                    { "卫生监督", "职业卫生", "公共场所卫生" } },
  [DEPT_CULTURE] = { "沙河市文化广电和旅游局",
                     "文化广电和旅游局",
                     FALSE,
                     { "文化市场执法", "旅游市场" } },
  [DEPT_EDUCATION] = { "沙河市教育局", "教育局", FALSE, { "教育督导", "民办教育" } },
  [DEPT_HUMAN_RESOURCES] = { "沙河市人力资源和社会保障局",
                             "人力资源和社会保障局",
                             FALSE,
                             { "劳动保障监察", "人力资源市场" } },
  [DEPT_COMMERCE] = { "沙河市商务局", "商务局", FALSE, { "商务执法", "预付卡监管" } },
  [DEPT_WATER] = { "沙河市水利局", "水利局", FALSE, { "水政执法", "水土保持" } },
  [DEPT_FIRE] = { "沙河市消防救援大队", "消防救援大队", FALSE, { "消防监督", "火灾调查" } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (sample_departments) == N_DEPTS);

/* The 随机抽查事项清单 of each department, with the real laws as their
 * basis. An article is cited where one article grants the power to
 * inspect; where the power is spread over a chapter, the law alone. */
static const struct
{
  Dept        department;
  const char *name;
  const char *category;
  const char *subject_type;
  const char *method;
  const char *legal_basis;
} sample_items[] = {
  { DEPT_MARKET, "企业公示信息的抽查", "一般", "企业", "书面检查",
    "《企业信息公示暂行条例》第十四条" },
  { DEPT_MARKET, "个体工商户、农民专业合作社年度报告公示信息的抽查", "一般", "个体工商户",
    "书面检查", "《中华人民共和国市场主体登记管理条例》第三十五条" },
  { DEPT_MARKET, "食品生产者的监督检查", "重点", "企业", "现场检查",
    "《中华人民共和国食品安全法》第一百一十条" },
  { DEPT_MARKET, "食品销售者的监督检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国食品安全法》第一百一十条" },
  { DEPT_MARKET, "餐饮服务提供者的监督检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国食品安全法》第一百一十条" },
  { DEPT_MARKET, "特种设备生产单位的监督检查", "重点", "企业", "现场检查",
    "《中华人民共和国特种设备安全法》第五十七条" },
  { DEPT_MARKET, "工业产品生产许可证获证企业的监督检查", "重点", "企业", "现场检查",
    "《中华人民共和国工业产品生产许可证管理条例》" },
  { DEPT_MARKET, "广告发布行为的检查", "一般", "各类市场主体", "网络监测",
    "《中华人民共和国广告法》第四十九条" },
  { DEPT_MARKET, "计量器具的监督检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国计量法》" },
  { DEPT_MARKET, "产品质量的监督抽查", "重点", "企业", "现场检查",
    "《中华人民共和国产品质量法》第十五条" },
  { DEPT_TAX, "纳税人发票使用情况的检查", "一般", "各类市场主体", "书面检查",
    "《中华人民共和国发票管理办法》" },
  { DEPT_TAX, "纳税人纳税情况的检查", "重点", "企业", "现场检查",
    "《中华人民共和国税收征收管理法》第五十四条" },
  { DEPT_TAX, "出口退（免）税企业的检查", "一般", "企业", "书面检查",
    "《中华人民共和国税收征收管理法》第五十四条" },
  { DEPT_ECOLOGY, "排污单位的执法监测", "重点", "企业", "现场检查",
    "《中华人民共和国环境保护法》第二十四条" },
  { DEPT_ECOLOGY, "排污许可证执行情况的检查", "重点", "企业", "现场检查", "《排污许可管理条例》" },
  { DEPT_ECOLOGY, "危险废物产生单位的检查", "一般", "企业", "现场检查",
    "《中华人民共和国固体废物污染环境防治法》" },
  { DEPT_ECOLOGY, "建设项目环境保护“三同时”的检查", "一般", "企业", "现场检查",
    "《建设项目环境保护管理条例》" },
  { DEPT_EMERGENCY, "非煤矿山企业安全生产的检查", "重点", "企业", "现场检查",
    "《中华人民共和国安全生产法》第六十五条" },
  { DEPT_EMERGENCY, "危险化学品经营单位的检查", "重点", "企业", "现场检查",
    "《危险化学品安全管理条例》" },
  { DEPT_EMERGENCY, "工贸企业安全生产的检查", "一般", "企业", "现场检查",
    "《中华人民共和国安全生产法》第六十五条" },
  { DEPT_EMERGENCY, "煤矿企业安全生产的检查", "重点", "企业", "现场检查", "《煤矿安全生产条例》" },
  { DEPT_HOUSING, "建筑施工企业安全生产许可的检查", "重点", "企业", "现场检查",
    "《安全生产许可证条例》" },
  { DEPT_HOUSING, "建设工程质量的检查", "重点", "企业", "现场检查", "《建设工程质量管理条例》" },
  { DEPT_HOUSING, "房地产开发企业的检查", "一般", "企业", "书面检查",
    "《城市房地产开发经营管理条例》" },
  { DEPT_HOUSING, "物业服务企业的检查", "一般", "企业", "现场检查", "《物业管理条例》" },
  { DEPT_LAND, "土地利用情况的检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国土地管理法》第六十七条" },
  { DEPT_LAND, "矿产资源开采的检查", "重点", "企业", "现场检查", "《中华人民共和国矿产资源法》" },
  { DEPT_LAND, "测绘资质单位的检查", "一般", "企业", "书面检查", "《中华人民共和国测绘法》" },
  { DEPT_TRANSPORT, "道路货物运输企业的检查", "一般", "企业", "现场检查",
    "《中华人民共和国道路运输条例》" },
  { DEPT_TRANSPORT, "道路旅客运输企业的检查", "重点", "企业", "现场检查",
    "《中华人民共和国道路运输条例》" },
  { DEPT_TRANSPORT, "机动车维修经营者的检查", "一般", "各类市场主体", "现场检查",
    "《机动车维修管理规定》" },
  { DEPT_TRANSPORT, "危险货物道路运输企业的检查", "重点", "企业", "现场检查",
    "《道路危险货物运输管理规定》" },
  { DEPT_AGRICULTURE, "农药经营单位的检查", "重点", "各类市场主体", "现场检查",
    "《农药管理条例》" },
  { DEPT_AGRICULTURE, "种子生产经营者的检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国种子法》" },
  { DEPT_AGRICULTURE, "兽药经营企业的检查", "一般", "企业", "现场检查", "《兽药管理条例》" },
  { DEPT_AGRICULTURE, "农产品生产经营者质量安全的检查", "一般", "农民专业合作社", "现场检查",
    "《中华人民共和国农产品质量安全法》" },
  { DEPT_AGRICULTURE, "饲料和饲料添加剂生产企业的检查", "一般", "企业", "现场检查",
    "《饲料和饲料添加剂管理条例》" },
  { DEPT_HEALTH, "公共场所卫生的检查", "一般", "各类市场主体", "现场检查",
    "《公共场所卫生管理条例》" },
  { DEPT_HEALTH, "医疗机构依法执业的检查", "重点", "各类市场主体", "现场检查",
    "《医疗机构管理条例》" },
  { DEPT_HEALTH, "用人单位职业病防治的检查", "重点", "企业", "现场检查",
    "《中华人民共和国职业病防治法》" },
  { DEPT_CULTURE, "娱乐场所的检查", "一般", "各类市场主体", "现场检查", "《娱乐场所管理条例》" },
  { DEPT_CULTURE, "互联网上网服务营业场所的检查", "一般", "各类市场主体", "现场检查",
    "《互联网上网服务营业场所管理条例》" },
  { DEPT_CULTURE, "旅行社的检查", "一般", "企业", "书面检查", "《旅行社条例》" },
  { DEPT_EDUCATION, "民办学校办学行为的检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国民办教育促进法》" },
  { DEPT_EDUCATION, "校外培训机构的检查", "重点", "各类市场主体", "现场检查",
    "《校外培训行政处罚暂行办法》" },
  { DEPT_EDUCATION, "幼儿园办园行为的检查", "一般", "各类市场主体", "现场检查",
    "《幼儿园管理条例》" },
  { DEPT_HUMAN_RESOURCES, "用人单位遵守劳动保障法律法规情况的检查", "一般", "企业", "书面检查",
    "《劳动保障监察条例》" },
  { DEPT_HUMAN_RESOURCES, "用人单位工资支付情况的检查", "重点", "企业", "现场检查",
    "《保障农民工工资支付条例》" },
  { DEPT_HUMAN_RESOURCES, "人力资源服务机构的检查", "一般", "企业", "书面检查",
    "《人力资源市场暂行条例》" },
  { DEPT_COMMERCE, "单用途商业预付卡发卡企业的检查", "一般", "企业", "书面检查",
    "《单用途商业预付卡管理办法（试行）》" },
  { DEPT_COMMERCE, "报废机动车回收企业的检查", "重点", "企业", "现场检查",
    "《报废机动车回收管理办法》" },
  { DEPT_COMMERCE, "再生资源回收经营者的检查", "一般", "各类市场主体", "现场检查",
    "《再生资源回收管理办法》" },
  { DEPT_WATER, "取水单位的检查", "一般", "企业", "现场检查",
    "《取水许可和水资源费征收管理条例》" },
  { DEPT_WATER, "河道采砂的检查", "重点", "各类市场主体", "现场检查", "《中华人民共和国水法》" },
  { DEPT_WATER, "生产建设项目水土保持的检查", "一般", "企业", "现场检查",
    "《中华人民共和国水土保持法》" },
  { DEPT_FIRE, "消防安全重点单位的检查", "重点", "企业", "现场检查",
    "《中华人民共和国消防法》第五十三条" },
  { DEPT_FIRE, "人员密集场所的检查", "重点", "各类市场主体", "现场检查", "《消防监督检查规定》" },
  { DEPT_FIRE, "一般单位的消防检查", "一般", "各类市场主体", "现场检查",
    "《中华人民共和国消防法》第五十三条" },
};

/* Every table a draw picks from begins its entries with the weight, so
 * that one function serves them all. */
typedef struct
{
  guint       weight;
  const char *text;
} Weighted;

typedef enum
{
  KIND_ENTERPRISE,
  KIND_INDIVIDUAL,
  KIND_COOPERATIVE,
  KIND_BRANCH,
} SubjectKind;

static const struct
{
  guint       weight;
  SubjectKind kind;
  const char *subject_type;
  char        category; /* the second character of the credit code */
} subject_kinds[] = {
  { 60, KIND_ENTERPRISE, "企业", '1' },
  { 35, KIND_INDIVIDUAL, "个体工商户", '2' },
  { 4, KIND_COOPERATIVE, "农民专业合作社", '3' },
  /* Branches of local companies: registered as enterprises, kept as 其他
   * because they answer for no business of their own. */
  { 1, KIND_BRANCH, "其他", '1' },
};

/* A line of business: the word it puts in a name, its GB/T 4754 section,
 * the department that answers for it (another one for some of them) and
 * the labels it tends to carry. */
typedef struct
{
  guint       weight;
  const char *word;
  const char *industry;
  Dept        department;
  Dept        other_department;
  guint       other_percent;
  const char *labels[2];
} Line;

#define MANUFACTURING "制造业"
#define MINING        "采矿业"
#define TRADE         "批发和零售业"
#define CATERING      "住宿和餐饮业"
#define TRANSPORT     "交通运输、仓储和邮政业"
#define FARMING       "农、林、牧、渔业"
#define CONSTRUCTION  "建筑业"
#define SERVICES      "居民服务、修理和其他服务业"

/* 沙河 is the glass city of the north: a third of its companies make or
 * work glass. */
static const Line enterprise_lines[] = {
  { 14, "玻璃制品", MANUFACTURING, DEPT_MARKET, DEPT_ECOLOGY, 10, { "玻璃行业", "重点工业产品" } },
  { 6, "平板玻璃", MANUFACTURING, DEPT_MARKET, DEPT_ECOLOGY, 20, { "玻璃行业", "重点工业产品" } },
  { 8, "玻璃深加工", MANUFACTURING, DEPT_MARKET, DEPT_ECOLOGY, 10, { "玻璃行业", "特种设备" } },
  { 4, "镜业", MANUFACTURING, DEPT_MARKET, DEPT_ECOLOGY, 10, { "玻璃行业", NULL } },
  { 6, "建材", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { "重点工业产品", NULL } },
  { 3, "煤业", MINING, DEPT_EMERGENCY, DEPT_LAND, 15, { "安全生产重点", NULL } },
  { 3, "矿业", MINING, DEPT_EMERGENCY, DEPT_LAND, 20, { "非煤矿山", "安全生产重点" } },
  { 5, "机械制造", MANUFACTURING, DEPT_MARKET, DEPT_EMERGENCY, 10, { "特种设备", "重点工业产品" } },
  { 4, "食品", MANUFACTURING, DEPT_MARKET, DEPT_MARKET, 0, { "食品生产", NULL } },
  { 3, "餐饮管理", CATERING, DEPT_MARKET, DEPT_FIRE, 10, { "食品经营", NULL } },
  { 1, "酒店管理", CATERING, DEPT_MARKET, DEPT_FIRE, 20, { "食品经营", NULL } },
  { 10, "商贸", TRADE, DEPT_MARKET, DEPT_TAX, 15, { NULL, NULL } },
  { 5, "物流", TRANSPORT, DEPT_TRANSPORT, DEPT_MARKET, 15, { NULL, NULL } },
  { 3, "运输", TRANSPORT, DEPT_TRANSPORT, DEPT_TRANSPORT, 0, { "危险化学品", NULL } },
  { 2, "汽车维修服务", SERVICES, DEPT_TRANSPORT, DEPT_MARKET, 20, { NULL, NULL } },
  { 1, "石油销售", TRADE, DEPT_EMERGENCY, DEPT_COMMERCE, 30, { "危险化学品", "特种设备" } },
  { 2, "大药房", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { "药品经营", NULL } },
  { 2, "超市", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { "食品经营", NULL } },
  { 2, "农业科技", FARMING, DEPT_AGRICULTURE, DEPT_MARKET, 10, { NULL, NULL } },
  { 4, "建筑工程", CONSTRUCTION, DEPT_HOUSING, DEPT_EMERGENCY, 10, { "安全生产重点", NULL } },
  { 1, "房地产开发", "房地产业", DEPT_HOUSING, DEPT_HOUSING, 0, { NULL, NULL } },
  { 2, "化工", MANUFACTURING, DEPT_EMERGENCY, DEPT_ECOLOGY, 20, { "危险化学品", "重点工业产品" } },
  { 2, "科技", "科学研究和技术服务业", DEPT_MARKET, DEPT_MARKET, 0, { NULL, NULL } },
  { 1, "文化传媒", "文化、体育和娱乐业", DEPT_CULTURE, DEPT_MARKET, 30, { NULL, NULL } },
  { 1,
    "劳务服务",
    "租赁和商务服务业",
    DEPT_HUMAN_RESOURCES,
    DEPT_HUMAN_RESOURCES,
    0,
    { NULL, NULL } },
  { 1, "环保科技", "水利、环境和公共设施管理业", DEPT_ECOLOGY, DEPT_ECOLOGY, 0, { NULL, NULL } },
  { 1, "教育咨询", "教育", DEPT_EDUCATION, DEPT_MARKET, 20, { NULL, NULL } },
};

static const Line individual_lines[] = {
  { 8, "饭店", CATERING, DEPT_MARKET, DEPT_FIRE, 5, { "食品经营", NULL } },
  { 5, "小吃部", CATERING, DEPT_MARKET, DEPT_MARKET, 0, { "食品经营", NULL } },
  { 7, "超市", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { "食品经营", NULL } },
  { 5, "副食店", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { "食品经营", NULL } },
  { 4, "五金店", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { NULL, NULL } },
  { 4, "建材门市部", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { NULL, NULL } },
  { 4, "汽车修理部", SERVICES, DEPT_TRANSPORT, DEPT_MARKET, 20, { NULL, NULL } },
  { 5, "玻璃加工部", MANUFACTURING, DEPT_MARKET, DEPT_ECOLOGY, 10, { "玻璃行业", NULL } },
  { 3, "理发店", SERVICES, DEPT_HEALTH, DEPT_MARKET, 30, { NULL, NULL } },
  { 2, "农资门市部", TRADE, DEPT_AGRICULTURE, DEPT_MARKET, 30, { "农资经营", NULL } },
  { 3, "烟酒店", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { "食品经营", NULL } },
  { 3, "服装店", TRADE, DEPT_MARKET, DEPT_MARKET, 0, { NULL, NULL } },
  { 2, "货运部", TRANSPORT, DEPT_TRANSPORT, DEPT_TRANSPORT, 0, { NULL, NULL } },
  { 1, "网吧", "文化、体育和娱乐业", DEPT_CULTURE, DEPT_FIRE, 20, { NULL, NULL } },
  { 2, "家电维修部", SERVICES, DEPT_MARKET, DEPT_MARKET, 0, { NULL, NULL } },
  { 2, "废品收购站", TRADE, DEPT_COMMERCE, DEPT_MARKET, 30, { NULL, NULL } },
  { 1, "宾馆", CATERING, DEPT_MARKET, DEPT_HEALTH, 40, { NULL, NULL } },
};

/* The words go before 专业合作社. */
static const Line cooperative_lines[] = {
  { 5, "种植", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
  { 3, "养殖", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
  { 2, "蔬菜种植", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { "农产品质量安全", NULL } },
  { 2, "果品种植", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
  { 1, "核桃种植", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
  { 1, "板栗种植", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
  { 1, "中药材种植", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
  { 2, "畜禽养殖", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { "农产品质量安全", NULL } },
  { 1, "农机服务", FARMING, DEPT_AGRICULTURE, DEPT_AGRICULTURE, 0, { NULL, NULL } },
};

static const Weighted enterprise_forms[] = {
  { 55, "有限公司" },
  { 35, "有限责任公司" },
  { 10, "股份有限公司" },
};

/* Most businesses sit in the city's five streets; the hill townships in
 * the west are thinly settled. */
static const struct
{
  guint       weight;
  const char *name;
  const char *short_name;
  gboolean    is_street;
} regions[] = {
  { 16, "褡裢街道", "褡裢", TRUE },   { 14, "桥东街道", "桥东", TRUE },
  { 14, "桥西街道", "桥西", TRUE },   { 10, "赞善街道", "赞善", TRUE },
  { 8, "周庄街道", "周庄", TRUE },    { 7, "新城镇", "新城", FALSE },
  { 7, "白塔镇", "白塔", FALSE },     { 6, "十里亭镇", "十里亭", FALSE },
  { 5, "綦村镇", "綦村", FALSE },     { 4, "册井镇", "册井", FALSE },
  { 3, "刘石岗乡", "刘石岗", FALSE }, { 2, "柴关乡", "柴关", FALSE },
  { 2, "蝉房乡", "蝉房", FALSE },
};

static const Weighted statuses[] = {
  { 93, "存续" }, { 2, "在业" }, { 1, "停业" }, { 2, "注销" }, { 1, "吊销" }, { 1, "迁出" },
};

static const Weighted credit_classes[] = {
  { 35, "A" }, { 50, "B" }, { 9, "C" }, { 3, "D" }, { 3, "" },
};

static const Weighted market_posts[] = {
  { 10, "所长" },
  { 8, "副科长" },
  { 40, "科员" },
  { 42, "执法队员" },
};

static const Weighted posts[] = {
  { 10, "副科长" },
  { 45, "科员" },
  { 45, "执法队员" },
};

static const char *const trade_characters[] = {
  "鑫", "华", "宏", "晶", "盛", "源", "达", "恒", "泰", "德", "安", "兴", "玻", "利", "昌", "润",
  "金", "瑞", "丰", "通", "嘉", "旺", "隆", "福", "祥", "荣", "信", "诚", "联", "亿", "新", "佳",
  "和", "远", "博", "鼎", "凯", "顺", "辉", "正", "永", "明", "光", "耀", "东", "海", "天", "中",
};

static const char *const roads[] = {
  "团结路",   "建设路", "人民路", "新兴路", "振兴路", "滨河路", "光明路", "育才路",
  "胜利路",   "文化路", "朝阳路", "和平路", "兴华路", "富强路", "迎宾路", "开元路",
  "玻璃城路", "京深路", "商贸街", "工业街", "健康街", "向阳街", "太行路", "金沙路",
};

static const char *const village_prefixes[] = {
  "东", "西", "南", "北", "大", "小", "前", "后", "", "",
};

static const char *const village_roots[] = {
  "王", "李", "张",   "赵",   "郑", "马", "石", "杜", "高", "章", "周", "孔", "史",
  "郝", "汪", "上郑", "下郑", "柳", "杏", "枣", "桃", "庙", "沟", "岭", "掌", "坡",
};

static const char *const village_suffixes[] = {
  "村", "村", "庄村", "寨村", "店村",
};

static const char *const village_sides[] = {
  "北",
  "南",
  "东",
  "西",
};

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "朱",
  "郭", "何", "罗", "高", "林", "郑", "梁", "谢", "宋", "唐", "许", "邓", "冯", "韩", "曹",
};

static const char *const given_name_characters[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "英", "华", "建", "国", "文", "辉", "玲", "红", "志",
  "鹏", "亮", "飞", "宇", "浩", "凯", "晨", "雪", "梅", "琳", "斌", "峰", "波", "丹", "婷",
  "莉", "俊", "海", "晓", "慧", "颖", "欣", "鑫", "立", "向", "卫", "春", "振", "永", "新",
};

#define CODE_CHARSET "0123456789ABCDEFGHJKLMNPQRTUWXY"

/* Keyed on the position rather than drawn, so that a longer fill with the
 * same seed breaks the same subjects: three in the default 2000, the first
 * one already in a fill of 200. */
#define BROKEN_CODE_PERIOD 667
#define BROKEN_CODE_OFFSET 150

#define AVOIDANCES_MAX 40

/* Each part of the data draws from its own generator, so that the subjects
 * do not change with how many inspectors there are, and the first n
 * subjects of a larger fill are those of a fill of n. */
enum
{
  STREAM_SUBJECTS = 1,
  STREAM_INSPECTORS,
  STREAM_AVOIDANCES,
  STREAM_YEAR,
};

/* The staff of the departments does not change with the seed: a second
 * fill with another seed adds subjects, and must not rename the inspectors
 * the first one created under the same badge numbers. */
#define INSPECTORS_SEED 1

static GRand *
new_stream (guint64 seed, guint32 stream)
{
  const guint32 words[] = { (guint32) seed, (guint32) (seed >> 32), stream };

  return g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
}

static guint
draw_weighted (GRand *rand, const guint *first_weight, guint n, gsize stride)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += *(const guint *) ((const char *) first_weight + i * stride);

  pick = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      guint weight = *(const guint *) ((const char *) first_weight + i * stride);

      if (pick < weight)
        return i;
      pick -= weight;
    }

  g_return_val_if_reached (0);
}

#define DRAW(rand, table)                                                                          \
  draw_weighted ((rand), &(table)[0].weight, G_N_ELEMENTS (table), sizeof (table)[0])

static gboolean
chance (GRand *rand, guint percent)
{
  return (guint) g_rand_int_range (rand, 0, 100) < percent;
}

#define ANY(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static char
random_code_character (GRand *rand)
{
  return CODE_CHARSET[g_rand_int_range (rand, 0, sizeof CODE_CHARSET - 1)];
}

/* The check digit of the 组织机构代码 (GB 11714), which the older
 * enterprises carry as the body of their credit code. */
static char
organization_code_check (const char *digits)
{
  static const int weights[] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int              sum = 0;
  int              check;

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    sum += (digits[i] - '0') * weights[i];

  check = 11 - sum % 11;
  return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
}

/* The last digit of a 15-digit 注册号 (ISO 7064 MOD 11,10). */
static char
registration_number_check (const char *digits)
{
  int product = 10;

  for (int i = 0; i < 14; i++)
    {
      int sum = (product + (digits[i] - '0')) % 10;

      product = (sum == 0 ? 10 : sum) * 2 % 11;
    }

  return (char) ('0' + (11 - product) % 10);
}

typedef struct
{
  GRand      *rand;
  GHashTable *keys;
  GHashTable *names;
  GString    *name;
  GString    *address;
  char        key[19];
  char        class_date[11];
  const char *labels[3];
  guint32     first_class_day;
} SubjectGenerator;

static void
make_key (SubjectGenerator *gen, SubjectKind kind, char category, gboolean broken)
{
  GRand *rand = gen->rand;
  char   expected = '\0';

  /* Businesses that never re-registered after 2015 still go by their 注册号;
   * the seventh digit tells an 个体工商户 (6) from an enterprise. */
  if (!broken && chance (rand, 1))
    {
      memcpy (gen->key, "130582", 6);
      gen->key[6] = kind == KIND_INDIVIDUAL ? '6' : '0';
      for (int i = 7; i < 14; i++)
        gen->key[i] = (char) ('0' + g_rand_int_range (rand, 0, 10));
      gen->key[14] = registration_number_check (gen->key);
      gen->key[15] = '\0';
      return;
    }

  gen->key[0] = '9';
  gen->key[1] = category;
  memcpy (gen->key + 2, "130582", 6);

  if ((kind == KIND_ENTERPRISE || kind == KIND_BRANCH) && chance (rand, 40))
    {
      for (int i = 8; i < 16; i++)
        gen->key[i] = (char) ('0' + g_rand_int_range (rand, i == 8 ? 5 : 0, i == 8 ? 8 : 10));
      gen->key[16] = organization_code_check (gen->key + 8);
    }
  else
    {
      memcpy (gen->key + 8, "MA0", 3);
      for (int i = 11; i < 17; i++)
        gen->key[i] = random_code_character (rand);
    }

  gen->key[17] = '0';
  gen->key[18] = '\0';
  suiji_credit_code_check (gen->key, &expected);
  gen->key[17] = expected;

  if (broken)
    {
      const char *at = strchr (CODE_CHARSET, expected);
      int         shift = g_rand_int_range (rand, 1, sizeof CODE_CHARSET - 1);

      gen->key[17] = CODE_CHARSET[(at - CODE_CHARSET + shift) % (sizeof CODE_CHARSET - 1)];
    }
}

static void
append_trade_name (SubjectGenerator *gen, guint length)
{
  const char *used[3] = { NULL };

  for (guint i = 0; i < length; i++)
    {
      const char *c;

      do
        c = ANY (gen->rand, trade_characters);
      while (c == used[0] || c == used[1]);

      used[i] = c;
      g_string_append (gen->name, c);
    }
}

/* Names are unique within the fill, as the registry makes them: a taken
 * name gets another trade name, then one qualified by the district, then a
 * longer one, and in the end a number that no other subject can share. */
static void
make_name (SubjectGenerator *gen, SubjectKind kind, const Line *line, guint region, guint index)
{
  const char *form = kind == KIND_ENTERPRISE || kind == KIND_BRANCH
                         ? enterprise_forms[DRAW (gen->rand, enterprise_forms)].text
                         : NULL;

  for (guint attempt = 0;; attempt++)
    {
      g_string_assign (gen->name, "沙河市");
      if (attempt >= 3 && attempt < 6)
        g_string_append (gen->name, regions[region].short_name);
      append_trade_name (gen, attempt < 6 ? 2 : 3);
      if (attempt >= 12)
        g_string_append_printf (gen->name, "%u", index);

      g_string_append (gen->name, line->word);
      switch (kind)
        {
        case KIND_ENTERPRISE:
          g_string_append (gen->name, form);
          break;
        case KIND_BRANCH:
          g_string_append_printf (gen->name, "%s%s分公司", form, regions[region].short_name);
          break;
        case KIND_COOPERATIVE:
          g_string_append (gen->name, "专业合作社");
          break;
        case KIND_INDIVIDUAL:
        default:
          break;
        }

      if (!g_hash_table_contains (gen->names, gen->name->str))
        break;
    }

  g_hash_table_add (gen->names, g_strdup (gen->name->str));
}

static void
make_address (SubjectGenerator *gen, SubjectKind kind, guint region)
{
  GRand *rand = gen->rand;

  g_string_assign (gen->address, "沙河市");
  g_string_append (gen->address, regions[region].name);

  if (regions[region].is_street || chance (rand, 25))
    {
      g_string_append_printf (gen->address, "%s%d号", ANY (rand, roads),
                              g_rand_int_range (rand, 1, 400));
      return;
    }

  g_string_append (gen->address, ANY (rand, village_prefixes));
  g_string_append (gen->address, ANY (rand, village_roots));
  g_string_append (gen->address, ANY (rand, village_suffixes));

  /* Works in the villages are found by the side of the village they lie on. */
  if (kind != KIND_INDIVIDUAL && chance (rand, 40))
    g_string_append (gen->address, ANY (rand, village_sides));
}

static void
generate_subject (SubjectGenerator   *gen,
                  guint               index,
                  const gint64       *department_ids,
                  SuijiSubjectRecord *record,
                  Dept               *department)
{
  GRand      *rand = gen->rand;
  guint       kind_index = DRAW (rand, subject_kinds);
  SubjectKind kind = subject_kinds[kind_index].kind;
  const Line *line;
  guint       region;
  const char *credit_class;
  guint       n_labels = 0;

  switch (kind)
    {
    case KIND_INDIVIDUAL:
      line = &individual_lines[DRAW (rand, individual_lines)];
      break;
    case KIND_COOPERATIVE:
      line = &cooperative_lines[DRAW (rand, cooperative_lines)];
      break;
    case KIND_ENTERPRISE:
    case KIND_BRANCH:
    default:
      line = &enterprise_lines[DRAW (rand, enterprise_lines)];
      break;
    }

  /* Mines and farms lie in the townships, not in the city's streets. */
  do
    region = DRAW (rand, regions);
  while (regions[region].is_street &&
         (kind == KIND_COOPERATIVE || strcmp (line->industry, MINING) == 0 ||
          strcmp (line->industry, FARMING) == 0));

  do
    make_key (gen, kind, subject_kinds[kind_index].category,
              index % BROKEN_CODE_PERIOD == BROKEN_CODE_OFFSET);
  while (g_hash_table_contains (gen->keys, gen->key));
  g_hash_table_add (gen->keys, g_strdup (gen->key));

  make_name (gen, kind, line, region, index);
  make_address (gen, kind, region);

  *department = line->other_percent > 0 && chance (rand, line->other_percent)
                    ? line->other_department
                    : line->department;

  credit_class = credit_classes[DRAW (rand, credit_classes)].text;
  if (*credit_class != '\0')
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, gen->first_class_day + g_rand_int_range (rand, 0, 731));
      g_snprintf (gen->class_date, sizeof gen->class_date, "%04d-%02d-%02d",
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
    }
  else
    {
      *gen->class_date = '\0';
    }

  if (line->labels[0] != NULL && chance (rand, 60))
    gen->labels[n_labels++] = line->labels[0];
  if (line->labels[1] != NULL && chance (rand, 30))
    gen->labels[n_labels++] = line->labels[1];
  if (n_labels < 2 && kind == KIND_ENTERPRISE && chance (rand, 20))
    gen->labels[n_labels++] = "小微企业";
  if (n_labels < 2 && (*credit_class == 'C' || *credit_class == 'D') && chance (rand, 40))
    gen->labels[n_labels++] = "信用修复中";
  gen->labels[n_labels] = NULL;

  record->key = gen->key;
  record->name = gen->name->str;
  record->subject_type = (char *) subject_kinds[kind_index].subject_type;
  record->industry = (char *) line->industry;
  record->region = (char *) regions[region].name;
  record->address = gen->address->str;
  record->status = (char *) statuses[DRAW (rand, statuses)].text;
  record->credit_class = (char *) credit_class;
  record->credit_class_date = gen->class_date;
  record->department_id = department_ids[*department];
  record->labels = (GStrv) gen->labels;
}

static gboolean
fill_subjects (SuijiDatabase *db,
               guint          n_subjects,
               guint64        seed,
               const gint64  *department_ids,
               GArray        *market_subjects,
               guint         *added,
               GError       **error)
{
  g_autoptr (SuijiSubjectWriter) writer = suiji_subject_writer_new (db, error);
  g_autoptr (GRand) rand = new_stream (seed, STREAM_SUBJECTS);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) name = g_string_sized_new (96);
  g_autoptr (GString) address = g_string_sized_new (96);
  SubjectGenerator gen = {
    .rand = rand,
    .keys = keys,
    .names = names,
    .name = name,
    .address = address,
  };
  GDate first_class_date;

  if (writer == NULL)
    return FALSE;

  /* Classes were decided in 2024 and 2025, the two years the plan looks back on. */
  g_date_clear (&first_class_date, 1);
  g_date_set_dmy (&first_class_date, 1, G_DATE_JANUARY, 2024);
  gen.first_class_day = g_date_get_julian (&first_class_date);

  for (guint i = 0; i < n_subjects; i++)
    {
      SuijiSubjectRecord record = { 0 };
      Dept               department;
      gboolean           is_new = FALSE;
      gint64             id;

      generate_subject (&gen, i, department_ids, &record, &department);

      /* No labels is written as "not given": the same for a new subject, and
       * it spares the writer clearing labels that cannot exist yet. */
      if (*record.labels == NULL)
        record.labels = NULL;

      id = suiji_subject_writer_write (writer, &record, &is_new, error);
      if (id == 0)
        return FALSE;

      *added += is_new;
      if (department == DEPT_MARKET)
        g_array_append_val (market_subjects, id);
    }

  return TRUE;
}

static void
make_person_name (GRand *rand, GHashTable *taken, GString *name)
{
  do
    {
      g_string_assign (name, ANY (rand, surnames));
      g_string_append (name, ANY (rand, given_name_characters));
      if (chance (rand, 70))
        g_string_append (name, ANY (rand, given_name_characters));
    }
  while (g_hash_table_contains (taken, name->str));

  g_hash_table_add (taken, g_strdup (name->str));
}

/* A few dozen inspectors for the market bureau, a handful to a score for
 * the others; the head and deputy of each are always on duty with a badge
 * good for years, so that every department can staff a check. */
static gboolean
fill_inspectors (SuijiDatabase *db,
                 const gint64  *department_ids,
                 GArray        *market_inspectors,
                 guint         *added,
                 GError       **error)
{
  g_autoptr (SuijiInspectorWriter) writer = suiji_inspector_writer_new (db, error);
  g_autoptr (GRand) rand = new_stream (INSPECTORS_SEED, STREAM_INSPECTORS);
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) name = g_string_new (NULL);

  if (writer == NULL)
    return FALSE;

  for (guint d = 0; d < N_DEPTS; d++)
    {
      gboolean is_market = d == DEPT_MARKET;
      guint    n_inspectors =
          is_market ? g_rand_int_range (rand, 38, 43) : g_rand_int_range (rand, 6, 21);
      guint n_specialties = 0;
      guint number = g_rand_int_range (rand, 1, 60);

      while (n_specialties < G_N_ELEMENTS (sample_departments[d].specialties) &&
             sample_departments[d].specialties[n_specialties] != NULL)
        n_specialties++;

      for (guint k = 0; k < n_inspectors; k++)
        {
          SuijiInspectorRecord record = { 0 };
          char                 badge[16];
          char                 valid_until[11];
          const char          *labels[3] = { NULL };
          guint                first;
          gboolean             is_new = FALSE;
          gint64               id;

          if (k > 0)
            number += g_rand_int_range (rand, 1, 10);
          g_snprintf (badge, sizeof badge, "13058200%02u%04u", d + 1, number);
          make_person_name (rand, taken, name);

          if (k == 0)
            record.post = (char *) (is_market ? "所长" : "科长");
          else if (k == 1)
            record.post = (char *) (is_market ? "科长" : "副科长");
          else if (is_market)
            record.post = (char *) market_posts[DRAW (rand, market_posts)].text;
          else
            record.post = (char *) posts[DRAW (rand, posts)].text;

          record.active = k < 2 || chance (rand, 95);

          /* A few badges ran out in 2025 and wait for renewal. */
          g_snprintf (valid_until, sizeof valid_until, "%d-%02d-%02d",
                      k < 2              ? g_rand_int_range (rand, 2028, 2030)
                      : chance (rand, 3) ? 2025
                                         : g_rand_int_range (rand, 2026, 2030),
                      g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));

          first = g_rand_int_range (rand, 0, n_specialties);
          labels[0] = sample_departments[d].specialties[first];
          if (n_specialties > 1 && chance (rand, 35))
            labels[1] = sample_departments[d]
                            .specialties[(first + g_rand_int_range (rand, 1, n_specialties)) %
                                         n_specialties];

          record.name = name->str;
          record.badge = badge;
          record.badge_valid_until = valid_until;
          record.department_id = department_ids[d];
          record.labels = (GStrv) labels;

          id = suiji_inspector_writer_write (writer, &record, &is_new, error);
          if (id == 0)
            return FALSE;

          *added += is_new;
          if (is_market)
            g_array_append_val (market_inspectors, id);
        }
    }

  return TRUE;
}

static gboolean
fill_items (SuijiDatabase *db, const gint64 *department_ids, guint *added, GError **error)
{
  g_autoptr (SuijiItemWriter) writer = suiji_item_writer_new (db, error);

  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_items); i++)
    {
      SuijiItemRecord record = {
        .department_id = department_ids[sample_items[i].department],
        .name = (char *) sample_items[i].name,
        .category = (char *) sample_items[i].category,
        .subject_type = (char *) sample_items[i].subject_type,
        .method = (char *) sample_items[i].method,
        .legal_basis = (char *) sample_items[i].legal_basis,
      };
      gboolean is_new = FALSE;

      if (suiji_item_writer_write (writer, &record, &is_new, error) == 0)
        return FALSE;

      *added += is_new;
    }

  return TRUE;
}

/* Pairs of a market inspector and a subject the bureau answers for, so
 * that the draws have someone to keep apart. */
static gboolean
fill_avoidances (SuijiDatabase *db,
                 guint64        seed,
                 GArray        *market_inspectors,
                 GArray        *market_subjects,
                 guint         *added,
                 GError       **error)
{
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (GRand) rand = new_stream (seed, STREAM_AVOIDANCES);
  guint n_pairs;

  if (market_inspectors->len == 0 || market_subjects->len == 0)
    return TRUE;

  n_pairs = CLAMP (market_subjects->len / 35, 1, AVOIDANCES_MAX);

  insert = _suiji_database_prepare (db,
                                    "INSERT OR IGNORE INTO avoidances"
                                    " (inspector_id, subject_id, reason) VALUES (?1, ?2, ?3)",
                                    error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < n_pairs; i++)
    {
      gint64 inspector = g_array_index (
          market_inspectors, gint64, g_rand_int_range (rand, 0, (gint32) market_inspectors->len));
      gint64      subject = g_array_index (market_subjects, gint64,
                                           g_rand_int_range (rand, 0, (gint32) market_subjects->len));
      const char *reason = chance (rand, 70) ? "亲属关系" : "曾在该企业任职";
      gboolean    done;

      sqlite3_bind_int64 (insert, 1, inspector);
      sqlite3_bind_int64 (insert, 2, subject);
      sqlite3_bind_text (insert, 3, reason, -1, SQLITE_STATIC);
      done = _suiji_database_step_done (db, insert, error);
      sqlite3_reset (insert);
      if (!done)
        return FALSE;

      *added += sqlite3_changes (_suiji_database_get_handle (db));
    }

  return TRUE;
}

static int
get_cache_size (SuijiDatabase *db)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, "PRAGMA cache_size", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

static void
restore_cache_size (SuijiDatabase *db, int cache_size)
{
  g_autofree char *sql = NULL;

  if (cache_size == 0 || cache_size == get_cache_size (db))
    return;

  sql = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);
  _suiji_database_exec (db, sql, NULL);
}

static gboolean
fill (SuijiDatabase         *db,
      guint                  n_subjects,
      guint64                seed,
      gboolean               with_year,
      SuijiSampleDataCounts *counts,
      GError               **error)
{
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GArray) market_subjects = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) market_inspectors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GRand) year_rand = NULL;
  SuijiSampleDataCounts added = { 0 };
  gint64                year_started;
  gint64                department_ids[N_DEPTS];
  int                   cache_size;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  /* A large fill outgrows SQLite's default page cache, which then spills
   * every page to the WAL again and again before the commit. */
  cache_size = get_cache_size (db);
  if (n_subjects > 10000 && !_suiji_database_exec (db, "PRAGMA cache_size = -32768", error))
    return FALSE;

  if (!_suiji_database_begin (db, error))
    goto restore;

  for (guint i = 0; i < G_N_ELEMENTS (sample_departments); i++)
    {
      int before = sqlite3_total_changes (_suiji_database_get_handle (db));

      department_ids[i] =
          suiji_department_ensure (db, sample_departments[i].name, sample_departments[i].short_name,
                                   sample_departments[i].is_market_regulation, error);
      if (department_ids[i] == 0)
        goto failed;

      if (sqlite3_total_changes (_suiji_database_get_handle (db)) > before)
        added.departments++;
    }

  /* The sample is the 2025 plan of the 沙河市 bureau; a profile the user
   * already filled in is theirs and stays. */
  profile = suiji_unit_profile_load (db, error);
  if (profile == NULL)
    goto failed;

  if (*profile->unit_name == '\0')
    {
      g_free (profile->unit_name);
      g_free (profile->contact_person);
      g_free (profile->contact_phone);
      profile->unit_name = g_strdup ("沙河市市场监督管理局");
      profile->contact_person = g_strdup ("刘向向");
      profile->contact_phone = g_strdup ("0319-8756862");
      profile->report_year = 2025;
      if (!suiji_unit_profile_save (db, profile, error))
        goto failed;
    }

  if (!fill_items (db, department_ids, &added.items, error) ||
      !fill_inspectors (db, department_ids, market_inspectors, &added.inspectors, error) ||
      !fill_subjects (db, n_subjects, seed, department_ids, market_subjects, &added.subjects,
                      error) ||
      !fill_avoidances (db, seed, market_inspectors, market_subjects, &added.avoidances, error))
    goto failed;

  /* A year of tasks, draws and results, for the forms and the progress
   * charts; the year of the profile, which is the plan's unless the user
   * set another. */
  year_rand = new_stream (seed, STREAM_YEAR);
  year_started = g_get_monotonic_time ();
  if (with_year && !_suiji_sample_year_fill (db, profile->report_year, year_rand, &added.tasks,
                                             &added.drawn_subjects, error))
    goto failed;
  g_debug ("the sample year took %.3f s", (double) (g_get_monotonic_time () - year_started) / 1e6);

  if (!_suiji_database_commit (db, error))
    goto failed;

  if (counts != NULL)
    *counts = added;

  restore_cache_size (db, cache_size);
  return TRUE;

failed:
  _suiji_database_rollback (db);
restore:
  restore_cache_size (db, cache_size);
  return FALSE;
}
/**
 * suiji_sample_data_fill:
 * @n_subjects: how many subjects to generate
 * @seed: the generator's seed; the same seed gives the same data set
 *
 * Fills the database with a realistic 沙河市 data set, in one transaction:
 * the departments, their inspectors and check items, @n_subjects subjects,
 * a few dozen avoidance pairs, and a year of tasks with their draws and
 * results (the report year of the profile; left out when that year has
 * tasks already). Rows are written by their natural key, so filling twice
 * adds nothing and leaves the data as it was.
 */
gboolean
suiji_sample_data_fill (SuijiDatabase         *db,
                        guint                  n_subjects,
                        guint64                seed,
                        SuijiSampleDataCounts *counts,
                        GError               **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return fill (db, n_subjects, seed, TRUE, counts, error);
}

/**
 * suiji_sample_data_fill_directories:
 *
 * As suiji_sample_data_fill (), without the year of tasks: the directories
 * alone, for those who draw their own tasks from them.
 */
gboolean
suiji_sample_data_fill_directories (SuijiDatabase         *db,
                                    guint                  n_subjects,
                                    guint64                seed,
                                    SuijiSampleDataCounts *counts,
                                    GError               **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return fill (db, n_subjects, seed, FALSE, counts, error);
}

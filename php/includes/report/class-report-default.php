<?php
/**
 * The default report template, in Chinese.
 *
 * @package Dangjian
 */

namespace Dangjian;

defined( 'ABSPATH' ) || exit;

/**
 * The template a site starts from (Report_Template::stored() when none is saved): a year-end work
 * report in the customary five parts. Written for this plugin; the secretary edits it on the 工作汇报
 * screen. Every sentence that only reports a count which may be zero is in [[ ]].
 */
final class Report_Default {

	/**
	 * The template's text (Report_Template's language, docs/REPORT.md).
	 */
	public static function text(): string {
		return <<<'TPL'
% 默认模板：{{…}} 处由系统按所选期间从记录中填入，[[…]] 内的句子在其中数字全为零时自动略去。
% 可用的数字见 docs/FIGURES.md；改完保存前系统会逐行检查。
# 关于{{period.year}}年度党建工作情况的汇报
<< {{profile.parent_org}}：
{{period.year}}年，{{profile.name}}在{{profile.parent_org}}的指导下，坚持把党建工作和单位业务一起谋划、一起推进，以组织建设为基础、以服务群众为落脚点，各项工作取得了新的进展。现将本年度有关情况汇报如下。
## 一、基本情况
{{profile.name}}于{{profile.founded_on}}经{{profile.approved_by}}批准成立，驻{{profile.city}}{{profile.district}}，现任支部书记为{{profile.secretary}}同志。截至{{period.as_of}}，支部共有党员{{members.party_members}}名，其中正式党员{{members.full}}名、预备党员{{members.probationary}}名。[[支部同时联系培养发展对象{{members.candidates}}名、入党积极分子{{members.activists}}名。]][[另有{{members.applicants}}人已递交入党申请，正在培养考察中。]]
[[单位现有职工{{members.staff_headcount}}人，其中党员{{members.staff_party_members}}名，占职工总数的{{members.staff_party_ratio}}。]]
## 二、组织建设
### （一）组织生活制度落实情况
本年度支部共召开各类会议和组织生活{{meetings.total}}次，合计{{meetings.hours}}小时。[[其中支部委员会会议{{meetings.total kind=committee}}次，]][[支部党员大会{{meetings.total kind=branch_assembly}}次，]][[党小组会{{meetings.total kind=group_meeting}}次，]][[讲授党课{{meetings.total kind=party_lesson}}次，]][[开展主题党日{{meetings.total kind=theme_day}}次，]][[召开组织生活会{{meetings.total kind=life_meeting}}次。]][[对照“三会一课”等制度的频次要求，尚有{{meetings.missing}}个期次没有按时召开，下一步要逐项补齐。]]
### （二）阵地建设
支部把党员活动阵地作为开展组织生活和服务群众的基本场所来建设。[[本年度在阵地上投入资金{{investment.total}}元，完成了{{investment.items}}等{{investment.count}}个项目。]]
### （三）党员发展和队伍建设
[[本年度有{{pipeline.applied}}人向支部递交了入党申请书。]][[支部新确定入党积极分子{{pipeline.activists}}名，]][[新确定发展对象{{pipeline.candidates}}名，]][[新发展党员{{pipeline.admitted}}名，]][[{{pipeline.converted}}名预备党员如期转为正式党员，]][[另从其他组织转入党员{{pipeline.transferred_in}}名。]]
[[单位本年度新招聘员工{{pipeline.hired}}名，其中入职前已是党员的{{pipeline.hired_party_members}}名，党员队伍在业务一线得到充实。]]
[[按照{{period.next_year}}年发展计划，支部拟发展党员{{plan.min_admit}}至{{plan.max_admit}}名。]]
## 三、党员作用发挥
### （一）志愿服务总体情况
本年度支部组织开展公益服务活动{{service.activities}}次，活动时长合计{{service.hours}}小时。全体参与者累计志愿服务{{service.volunteer_hours}}小时，其中党员志愿服务时长{{service.party_volunteer_hours}}小时。[[参与服务的党员有{{service.party_volunteers}}名，党员参与率为{{service.participation_ratio}}。]][[服务群众{{service.beneficiaries | 余}}人次，]][[为群众减免服务费用{{service.fee_waived | 万}}元，]][[捐款捐物折合{{service.donation}}元。]]
[[分类别看，{{service.kind_details}}。]]
### （二）服务点位
支部坚持把服务送到群众身边。[[服务覆盖{{service.venue_kind_names}}等{{service.venue_kinds}}类{{service.venues}}个点位，]][[其中社区{{service.venues venue_kind=community}}个，]][[学校{{service.venues venue_kind=school}}个，]][[企业{{service.venues venue_kind=enterprise}}个，]][[部队营房{{service.venues venue_kind=barracks}}个，]][[机关{{service.venues venue_kind=government}}个。]]
### （三）专项行动
支部围绕群众急需组织专项服务。[[本年度支部组织了{{service.project_count}}项专项行动：{{service.project_details}}。]][[在心理危机干预和灾后援助中，支部组织起{{service.volunteers kind=crisis_aid}}人的服务队，开展援助活动{{service.activities kind=crisis_aid}}次，为{{service.beneficiaries kind=crisis_aid | 多}}名群众提供了一对一心理援助。]][[开展一对一公益心理咨询{{service.activities kind=counseling}}次，服务{{service.beneficiaries kind=counseling}}人次；]][[举办团体心理辅导{{service.activities kind=group_counseling}}场，服务{{service.beneficiaries kind=group_counseling}}人次；]][[开设公益讲座{{service.activities kind=lecture}}场，听众{{service.beneficiaries kind=lecture | 余}}人次。]]
### （四）先锋模范
党员在服务中走在前面、干在实处。[[{{service.top_names top=5}}等同志服务时间长、参与次数多，在队伍中起到了带头作用。]]
## 四、社会责任与宣传
单位在发展业务的同时主动履行社会责任。[[单位为员工落实了{{benefits.names}}等{{benefits.count}}项福利保障。]]
[[支部工作本年度被{{media.outlets}}等媒体报道{{media.count}}次，]][[其中中央媒体{{media.count level=central}}次，]][[省级媒体{{media.count level=provincial}}次，]][[市级媒体{{media.count level=city}}次，]][[区级媒体{{media.count level=district}}次，]][[网络媒体{{media.count level=online}}次。]]
[[本年度支部和党员获得{{honours.titles}}等{{honours.count}}项荣誉。]]
## 五、存在的不足和下一步打算
回顾这一年，支部在党员日常教育管理的精细程度、服务项目的持续性和影响力等方面仍有差距。下一步，支部将继续落实组织生活各项制度，用好活动阵地，做好发展党员工作，带动更多党员和职工参与公益服务。
[[{{period.next_year}}年，支部力争在星级评定中达到{{rating.target}}星级的目标。]]
>> {{profile.name}}
>> {{period.to}}
TPL;
	}
}

// Generated from policies/kinds/*.toml by tests/docs.rs: do not edit.

/** Yuan as an exact decimal string, e.g. "75000" or "9500.50". */
export type Yuan = string;

/** Fields every achievement accepts. */
export interface CommonFields {
  /** How many (default 1) */
  count?: number;
  /** The product, service or project concerned; items with the same subject are merged by highest-only rules */
  subject?: string;
  /** actual cost (yuan) */
  actual_cost_yuan?: Yuan | number;
}

/** Standard drafted (制修订标准): Leading or taking part in formulating or revising an international, national, industry, regional, local or group standard */
export interface StandardAchievement extends CommonFields {
  kind: 'standard';
  /** Level of the standard */
  level: 'international' | 'national' | 'industry' | 'regional' | 'provincial' | 'municipal' | 'group';
  /** Formulate or revise */
  action: 'formulate' | 'revise';
  /** Lead (first drafting unit) or participant */
  role: 'lead' | 'participant';
  /** Rank among the drafting units (1 = first) */
  drafter_rank?: number;
  /** Name or number of a multi-part series; parts of one series may count as one standard */
  series?: string;
  /** Group standard adopted by government or by 10+ companies */
  adopted?: boolean;
  /** Group standard belongs to a national or provincial group-standard pilot programme */
  pilot_program?: boolean;
}

/** Enterprise-standard leader (企业标准“领跑者”): Named an enterprise-standard leader (one per product or service standard) */
export interface LeaderAchievement extends CommonFields {
  kind: 'leader';
  /** Level of the leader list */
  level: 'national' | 'provincial' | 'municipal';
  /** Months the title has been held without a break */
  held_months?: number;
  /** Level at which the same title was already received in an earlier year (for upgrades) */
  previous_level?: 'national' | 'provincial' | 'municipal';
}

/** Leader evaluation body (领跑者评估机构): Acting as the evaluation body that published a leader list */
export interface LeaderEvaluatorAchievement extends CommonFields {
  kind: 'leader_evaluator';
  /** Level of the leader list evaluated */
  level: 'national' | 'provincial' | 'municipal';
}

/** Technical-committee secretariat (标准化技术组织秘书处): Newly hosting the secretariat of a technical committee, subcommittee or working group */
export interface SecretariatAchievement extends CommonFields {
  kind: 'secretariat';
  /** International, national, provincial or municipal body */
  scope: 'international' | 'national' | 'provincial' | 'municipal';
  /** Technical committee (TC), subcommittee (SC) or working group (WG) */
  tier: 'tc' | 'sc' | 'wg';
}

/** Domestic counterpart of an international committee (国际标准组织国内对口单位): Acting as the domestic counterpart of an international TC, SC or WG */
export interface DomesticCounterpartAchievement extends CommonFields {
  kind: 'domestic_counterpart';
  /** The TC, SC or WG mirrored */
  tier: 'tc' | 'sc' | 'wg';
}

/** Standardization pilot or demonstration (标准化试点示范项目): A standardization pilot or demonstration project undertaken (and accepted) */
export interface PilotAchievement extends CommonFields {
  kind: 'pilot';
  /** Level that set the project */
  level: 'national' | 'provincial' | 'municipal';
  /** A regional national project built jointly by several departments */
  multi_department?: boolean;
}

/** Service body assisting a pilot (协助试点示范的服务机构): A standardization service body helping a unit win or complete a national pilot */
export interface PilotAssistanceAchievement extends CommonFields {
  kind: 'pilot_assistance';
  /** Helped complete the project, or helped win its approval */
  stage: 'completion' | 'approval';
}

/** China Standard Innovation Contribution Award (中国标准创新贡献奖): Winning the national award: project prize (first, second, third) or organisation prize */
export interface InnovationAwardAchievement extends CommonFields {
  kind: 'innovation_award';
  /** Prize */
  grade: 'first' | 'second' | 'third' | 'organization';
}

/** Provincial standard innovation award (省级标准创新贡献奖): Winning a provincial standard (science and technology) innovation award */
export interface ProvincialInnovationAwardAchievement extends CommonFields {
  kind: 'provincial_innovation_award';
  /** Prize */
  grade: 'first' | 'second' | 'third';
}

/** China Standardization Assistance Award (中国标准化助力奖): Winning the China Standardization Assistance Award */
export interface AssistAwardAchievement extends CommonFields {
  kind: 'assist_award';
}

/** Standardization good-conduct grade (标准化良好行为企业): Certified as a standardization good-conduct enterprise */
export interface GoodConductAchievement extends CommonFields {
  kind: 'good_conduct';
  /** Grade */
  grade: '5A' | '4A' | '3A';
}

/** Technical-standard innovation base (技术标准创新基地): Approved to build or run a national or provincial technical-standard innovation base */
export interface InnovationBaseAchievement extends CommonFields {
  kind: 'innovation_base';
  /** Level */
  level: 'national' | 'provincial';
  /** Type of national base: regional or domain */
  focus?: 'regional' | 'domain';
}

/** Standard promotion platform (标准化推广应用平台): Approved to build or run a standardization promotion (demonstration) platform */
export interface PromotionPlatformAchievement extends CommonFields {
  kind: 'promotion_platform';
  /** Level */
  level: 'national' | 'provincial';
}

/** Standard innovation platform (标准创新平台): Approved to build or run a standard innovation platform */
export interface InnovationPlatformAchievement extends CommonFields {
  kind: 'innovation_platform';
  /** Level */
  level: 'national' | 'provincial' | 'municipal';
}

/** Standard verification point or laboratory (标准验证检验检测点): Running a national standard verification testing point or laboratory */
export interface VerificationPointAchievement extends CommonFields {
  kind: 'verification_point';
}

/** Standardization venue (标准化场馆): An approved national standardization venue */
export interface StandardVenueAchievement extends CommonFields {
  kind: 'standard_venue';
}

/** Nationally promoted standard case (国家推广的标准案例): A standardization case promoted nationally */
export interface PromotedCaseAchievement extends CommonFields {
  kind: 'promoted_case';
}

/** Hosting an international standardization meeting (承办国际标准化会议或活动): Hosting (as first host) a substantive international standardization meeting or event locally */
export interface InternationalMeetingAchievement extends CommonFields {
  kind: 'international_meeting';
}

/** Major standardization event (重大标准化活动): Leading a city-level-or-above annual meeting, forum or symposium on standardization */
export interface StandardizationEventAchievement extends CommonFields {
  kind: 'standardization_event';
}

/** Chinese standard cited abroad (中国标准被国外引用): A Chinese standard cited by a foreign regulation or standard, or listed as best practice */
export interface StandardCitedAbroadAchievement extends CommonFields {
  kind: 'standard_cited_abroad';
  /** Lead or participating unit */
  role: 'lead' | 'participant';
}

/** Overseas demonstration of a standard (标准海外示范应用): A standard made by a local unit demonstrated in use abroad */
export interface OverseasDemonstrationAchievement extends CommonFields {
  kind: 'overseas_demonstration';
}

/** Standardization service body (标准化服务机构): A standardization service body assessed, or settled locally and serving effectively */
export interface ServiceOrganizationAchievement extends CommonFields {
  kind: 'service_organization';
}

/** Newly registered standardization expert (新注册标准化专家): The unit newly registered an international or national standardization expert */
export interface ExpertRegistrationAchievement extends CommonFields {
  kind: 'expert_registration';
  /** International or national expert */
  scope: 'international' | 'national';
}

/** International standardization expert studio (国际标准化专家工作室): A studio for an international TC/SC chair, vice-chair or secretary brought in or trained */
export interface ExpertStudioAchievement extends CommonFields {
  kind: 'expert_studio';
}

/** Adoption-of-international-standard certificate (采用国际标准产品认可): A product certified as adopting an international standard (one per product) */
export interface AdoptionCertificateAchievement extends CommonFields {
  kind: 'adoption_certificate';
}

/** Benchmarking campaign (对标达标): Taking part in the benchmark-and-meet campaign (one per product) */
export interface BenchmarkingAchievement extends CommonFields {
  kind: 'benchmarking';
}

/** Group-standard body (团体标准制定机构): Setting up or running the body responsible for making group standards */
export interface GroupStandardBodyAchievement extends CommonFields {
  kind: 'group_standard_body';
  /** Group standards made in two years */
  standards_in_two_years?: number;
}

/** Own IP turned into a standard (自有知识产权转化为标准): Turning the company's own IP into a national, industry or group standard */
export interface IpToStandardAchievement extends CommonFields {
  kind: 'ip_to_standard';
  /** Level of the resulting standard */
  level: 'national' | 'industry' | 'group';
}

/** Drug or medical-device standard (药品、医疗器械标准): Leading, as one of the first three drafters, a drug or medical-device standard */
export interface DrugStandardAchievement extends CommonFields {
  kind: 'drug_standard';
  /** National (pharmacopoeia, NMPA, device national/industry standard) or provincial drug administration */
  authority: 'national' | 'provincial';
  /** Formulate or revise */
  action: 'formulate' | 'revise';
  /** Rank among the drafting units */
  drafter_rank?: number;
}

/** Standardization project (标准化项目): Standard-system, trade-barrier, standard-research, technical-review, implementation-evaluation or research project */
export interface StandardizationProjectAchievement extends CommonFields {
  kind: 'standardization_project';
  /** Type of project */
  type: 'system' | 'tbt' | 'demand_research' | 'innovation_result' | 'technical_review' | 'implementation_evaluation' | 'research';
  /** project funds allocated by the state (yuan) */
  national_funding_yuan?: Yuan | number;
}

/** Standardization training project (标准化人才培养项目): Running a standardization training project */
export interface TalentTrainingAchievement extends CommonFields {
  kind: 'talent_training';
}

/** Standard complex (标准综合体): Building a standard complex */
export interface StandardComplexAchievement extends CommonFields {
  kind: 'standard_complex';
}

/** Standardization university course (标准化高等教育课程): Setting up a university course in standardization */
export interface StandardizationCourseAchievement extends CommonFields {
  kind: 'standardization_course';
}

/** One achievement of the applicant unit: a discriminated union on `kind`. */
export type Achievement =
  | StandardAchievement
  | LeaderAchievement
  | LeaderEvaluatorAchievement
  | SecretariatAchievement
  | DomesticCounterpartAchievement
  | PilotAchievement
  | PilotAssistanceAchievement
  | InnovationAwardAchievement
  | ProvincialInnovationAwardAchievement
  | AssistAwardAchievement
  | GoodConductAchievement
  | InnovationBaseAchievement
  | PromotionPlatformAchievement
  | InnovationPlatformAchievement
  | VerificationPointAchievement
  | StandardVenueAchievement
  | PromotedCaseAchievement
  | InternationalMeetingAchievement
  | StandardizationEventAchievement
  | StandardCitedAbroadAchievement
  | OverseasDemonstrationAchievement
  | ServiceOrganizationAchievement
  | ExpertRegistrationAchievement
  | ExpertStudioAchievement
  | AdoptionCertificateAchievement
  | BenchmarkingAchievement
  | GroupStandardBodyAchievement
  | IpToStandardAchievement
  | DrugStandardAchievement
  | StandardizationProjectAchievement
  | TalentTrainingAchievement
  | StandardComplexAchievement
  | StandardizationCourseAchievement;

export type AchievementKind = Achievement['kind'];

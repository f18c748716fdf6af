// Generated from policies/ by `cargo run --example gen`: do not edit.

import type { LookupMatch, Text } from './index.js';

/** Yuan as an exact decimal string, e.g. "75000" or "9500.50". */
export type Yuan = string;

/** Fields every achievement accepts. */
export interface CommonFields {
  /** How many (default 1) */
  count?: number;
  /** The product, service or project concerned; items with the same subject are merged by highest-only rules */
  subject?: string;
  /** date published, recognised or awarded */
  date?: string;
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

/** Government quality award (政府质量奖): Winning the China Quality Award or its nomination, a provincial governor's (government) quality award or its nomination, a mayor's quality award, or a district quality award or its nomination */
export interface QualityAwardAchievement extends CommonFields {
  kind: 'quality_award';
  /** Award: China Quality Award (national), governor's quality award (provincial: Shandong, Henan governor's award, Guangdong government award), mayor's quality award (municipal, incl. Liaocheng's excellence benchmark), district quality award (district), and their nominations */
  level: 'national' | 'national_nomination' | 'provincial' | 'provincial_nomination' | 'municipal' | 'district' | 'district_nomination';
  /** Won by an organisation, or by a frontline team or an individual */
  recipient: 'organization' | 'team_or_individual';
  /** The award of this family already received in an earlier year (e.g. the nomination before the China Quality Award) */
  previous_level?: 'national' | 'national_nomination' | 'provincial' | 'provincial_nomination' | 'municipal' | 'district' | 'district_nomination';
}

/** Demonstration city, county or zone title (示范城市、示范县或示范区称号): A city, county or park named a national quality-strong demonstration city, food-safety demonstration city, quality (brand) improvement demonstration zone, testing-and-certification public-service platform demonstration zone, or IP pilot/demonstration county or park (paid to the body that built it) */
export interface DemonstrationAreaAchievement extends CommonFields {
  kind: 'demonstration_area';
  /** Title */
  programme: 'quality_city' | 'food_safety_city' | 'quality_improvement_zone' | 'testing_platform_zone' | 'ip_pilot_county' | 'ip_pilot_park';
  /** National, or provincial (e.g. Henan quality-strong demonstration county, Henan quality improvement zone) */
  level: 'national' | 'provincial';
}

/** Brand title (品牌荣誉): A brand title: the Good Products of Shandong list, a quality-product production base or its leading firm, a high-end-brand cultivation firm, a China or provincial time-honoured brand, an international own brand cultivated by the province, a well-known service brand with the quality-service pledge mark, the Food Safety Shandong brand */
export interface BrandTitleAchievement extends CommonFields {
  kind: 'brand_title';
  /** Title */
  brand: 'regional_quality_brand' | 'quality_product_base' | 'quality_base_leading_firm' | 'high_end_brand_firm' | 'time_honoured' | 'international_own_brand' | 'service_brand' | 'food_safety_brand';
  /** National (e.g. China time-honoured brand) or provincial (e.g. Shandong time-honoured brand, Good Products of Shandong, Food Safety Shandong) */
  level: 'national' | 'provincial';
  /** Type of food business (Food Safety Shandong pays producers and traders differently) */
  food_business?: 'producer' | 'food_related_producer' | 'trader' | 'catering';
  /** Level at which the same title was received in an earlier year */
  previous_level?: 'national' | 'provincial';
}

/** Engineering quality award (工程质量奖): A project winning the Luban Prize (incl. Guangsha Cup), the National Quality Project Award, the Dayu Water Science and Technology Award, a provincial construction quality award (Shandong Taishan Cup, Guangdong construction quality award) or a provincial water-works quality award (Guangdong); one per project */
export interface EngineeringAwardAchievement extends CommonFields {
  kind: 'engineering_award';
  /** Award */
  award: 'luban' | 'national_quality_project' | 'dayu' | 'provincial_construction' | 'provincial_water';
  /** Level of the award (Luban, National Quality Project and Dayu are national) */
  level: 'national' | 'provincial';
  /** Construction or water works (Dayu and water-works quality awards are water) */
  sector: 'construction' | 'water';
  /** Grade, for graded awards (e.g. Guangdong water-works quality award) */
  grade?: 'first' | 'second' | 'third';
  /** Who applies: a local project with one applicant; builder and general contractor both local and applying together; a project outside the area built by a local general contractor */
  applicant?: 'sole' | 'joint' | 'contractor_outside';
  /** Level of the award the same project already received (for upgrades) */
  previous_level?: 'national' | 'provincial';
}

/** Certification (认证证书): A system, product, service or company certification: quality management system, Taishan Quality, IP management system, energy management system, energy-saving product, low-carbon product, high-end product/service certification (robot CR, IoT, urban rail equipment...), HACCP, ISO 22000, integrity management system, third-party brand certification, AEO (customs advanced certified enterprise); one per certificate */
export interface CertificationAchievement extends CommonFields {
  kind: 'certification';
  /** Certification scheme */
  scheme: 'qms' | 'taishan_quality' | 'ip_management' | 'energy_management' | 'energy_saving_product' | 'low_carbon_product' | 'robot' | 'iot' | 'urban_rail' | 'other_high_end' | 'haccp' | 'iso22000' | 'integrity_management' | 'brand' | 'aeo';
  /** The unit's first certification of this scheme */
  first_time?: boolean;
  /** Category of the China Robot (CR) certificate */
  cr_category?: 'A' | 'B';
  /** Type of food business (food-safety certifications are paid by type of business) */
  food_business?: 'producer' | 'food_related_producer' | 'trader' | 'catering';
  /** An enterprise above designated size */
  above_scale?: boolean;
}

/** Performance excellence model (卓越绩效管理): Adopting the performance excellence model with effective implementation confirmed (or an assessed score), or being selected as a performance-excellence incubation base */
export interface ExcellenceModelAchievement extends CommonFields {
  kind: 'excellence_model';
  /** Incubation base, or adoption of the model confirmed or assessed */
  recognition: 'incubation_base' | 'implementation';
  /** Score assessed under GB/T 19580 (criteria for performance excellence) */
  score?: number;
}

/** Own management software (自主研发管理软件): Management software developed in-house, protected by copyright or patent, and put into use */
export interface ManagementSoftwareAchievement extends CommonFields {
  kind: 'management_software';
}

/** International quality comparison project (国际质量比对提升示范项目): An international product-quality comparison and improvement demonstration project (approved and funded after the fact); give the project's construction funds as the actual cost */
export interface QualityComparisonProjectAchievement extends CommonFields {
  kind: 'quality_comparison_project';
}

/** Quality-control circle award (质量管理小组（QC 小组）奖): A QC circle project winning gold or silver at the international QC circle convention, or a prize at a national, provincial, city or district QC presentation contest (incl. small-innovation projects); one per project */
export interface QcAwardAchievement extends CommonFields {
  kind: 'qc_award';
  /** Level of the contest */
  level: 'international' | 'national' | 'provincial' | 'municipal' | 'district';
  /** Prize */
  grade: 'gold' | 'silver' | 'first' | 'second' | 'third' | 'excellence';
}

/** Promoting quality activities (推广群众性质量活动): An industry body, incubator, park or company promoting performance excellence, QC circles and small-innovation activities in its sector, park or company */
export interface QualityActivityPromotionAchievement extends CommonFields {
  kind: 'quality_activity_promotion';
}

/** School quality or IP education base (中小学质量或知识产权教育基地): A company (organisation) named a quality-education practice base for schools, or a school named an IP-education pilot or demonstration school */
export interface EducationBaseAchievement extends CommonFields {
  kind: 'education_base';
  /** Quality-education practice base or IP-education pilot school */
  topic: 'quality' | 'ip';
  /** Level */
  level: 'national' | 'provincial';
  /** Level at which the same title was received in an earlier year */
  previous_level?: 'national' | 'provincial';
}

/** Trademark honour or international registration (商标荣誉与国际注册): Winning the China Trademark Gold Award, a trademark recognised as well known, or a trademark registered through the Madrid system (one per mark) */
export interface TrademarkAchievement extends CommonFields {
  kind: 'trademark';
  /** China Trademark Gold Award, well-known mark, or Madrid registration */
  mark: 'gold_award' | 'well_known' | 'madrid';
  /** The well-known mark was recognised administratively (not by a court) */
  administrative?: boolean;
}

/** Geographical indication (地理标志): A product recognised as a protected geographical-indication product, or a GI certification or collective mark registered */
export interface GeographicalIndicationAchievement extends CommonFields {
  kind: 'geographical_indication';
  /** Protected GI product, or GI trademark (certification or collective mark) */
  form: 'protected_product' | 'registered_mark';
}

/** Patent granted (授权专利): A patent granted at home or abroad (e.g. the company's first domestic invention patent, a foreign invention patent); one item per country for the same invention, with the invention as subject */
export interface PatentGrantAchievement extends CommonFields {
  kind: 'patent_grant';
  /** Granted at home or abroad */
  jurisdiction: 'domestic' | 'foreign';
  /** Type of patent */
  patent_type: 'invention' | 'utility_model' | 'design';
  /** The company's first (domestic invention) patent */
  first_for_firm?: boolean;
  /** official fees paid to obtain the patent (yuan) */
  official_fees_yuan?: Yuan | number;
}

/** IP demonstration or advantage enterprise (知识产权示范、优势企业): Newly named an IP demonstration enterprise or IP advantage enterprise this year */
export interface IpEnterpriseAchievement extends CommonFields {
  kind: 'ip_enterprise';
  /** Demonstration or advantage enterprise */
  ip_title: 'demonstration' | 'advantage';
  /** Level */
  level: 'national' | 'provincial';
}

/** Patent award (专利奖): A patent winning the China Patent Award (gold, silver, excellence; incl. the design gold, silver and excellence awards, and the organisation prize) or a provincial patent award (special, first, second, third prize) */
export interface PatentAwardAchievement extends CommonFields {
  kind: 'patent_award';
  /** China Patent Award (national) or provincial patent award */
  level: 'national' | 'provincial';
  /** Prize: China patent gold, silver, excellence; design gold, silver, excellence; organisation prize; provincial special, first, second, third prize */
  grade: 'gold' | 'design_gold' | 'silver' | 'design_silver' | 'excellence' | 'design_excellence' | 'organization' | 'special' | 'first' | 'second' | 'third';
  /** Level of a patent award the same patent received in an earlier year */
  previous_level?: 'national' | 'provincial';
}

/** IP pledge loan (知识产权质押融资): A loan secured by a pledged patent (alone or with fixed assets) and registered: interest subsidy, or the appraisal or guarantee fee incurred for it (one item per fee; give the fee as the actual cost) */
export interface IpPledgeLoanAchievement extends CommonFields {
  kind: 'ip_pledge_loan';
  /** Interest subsidy, or appraisal or guarantee fee */
  expense: 'interest' | 'appraisal_fee' | 'guarantee_fee';
  /** interest on the loan at the loan prime rate (LPR) (yuan) */
  lpr_interest_yuan?: Yuan | number;
  /** Principal and interest repaid on time */
  repaid_on_time?: boolean;
}

/** Patent insurance (专利保险): A patentee insuring its patents (one per patent) */
export interface PatentInsuranceAchievement extends CommonFields {
  kind: 'patent_insurance';
  /** The insured patent is a service (employee) invention */
  service_invention?: boolean;
}

/** Patent navigation (专利导航): A patent-navigation study of a leading or regional specialty industry, or a company's own patent and talent maps and navigation */
export interface PatentNavigationAchievement extends CommonFields {
  kind: 'patent_navigation';
  /** City leading industry, regional specialty industry, or a company's own */
  target: 'leading_industry' | 'specialty_industry' | 'enterprise';
}

/** Report of counterfeit patent (举报假冒专利): A report of patent counterfeiting, verified and closed by enforcement (one per case) */
export interface CounterfeitReportAchievement extends CommonFields {
  kind: 'counterfeit_report';
  /** Reward band set by the enforcement department by the nature and harm of the case and the help given */
  band: 'high' | 'middle' | 'low';
}

/** New drug or device approval (新药、医疗器械获批): A new drug (biological, chemical or traditional Chinese medicine) that completed preclinical research and won clinical-trial approval, or won production approval; a medical device (diagnostic reagent or other) registered; a new veterinary drug certificate. One per product */
export interface DrugApprovalAchievement extends CommonFields {
  kind: 'drug_approval';
  /** Marketing approval (production approval, device registration certificate, new veterinary drug certificate), or clinical-trial approval */
  approval: 'marketing' | 'clinical_trial';
  /** Type of product */
  product: 'biologic' | 'chemical' | 'tcm' | 'ivd_reagent' | 'device' | 'veterinary';
  /** Registration class (number of the drug or veterinary-drug class) or device class (1–3) */
  registration_class?: number;
}

/** Drug or device industrialisation (新药、医疗器械产业化): An approved new drug, device or veterinary drug produced locally, paid on the product's annual sales (one per product) */
export interface DrugIndustrializationAchievement extends CommonFields {
  kind: 'drug_industrialization';
  /** Type of product */
  product: 'biologic' | 'chemical' | 'tcm' | 'ivd_reagent' | 'device' | 'veterinary';
  /** Registration class (number of the drug or veterinary-drug class) or device class (1–3) */
  registration_class?: number;
  /** the product's annual sales revenue (yuan) */
  annual_sales_yuan?: Yuan | number;
}

/** Drug added to a national list (进入国家药品目录): A drug (dosage form) newly added to the National Essential Medicines List or the national medical-insurance (work-injury, maternity) drug list; one per drug */
export interface DrugListAchievement extends CommonFields {
  kind: 'drug_list';
  /** Exclusive drug (dosage form) or ordinary one */
  exclusivity: 'exclusive' | 'ordinary';
  /** List entered */
  drug_list?: 'essential' | 'insurance';
}

/** Drug or device GMP and foreign certification (药品、医疗器械 GMP 及国际认证): A drug or device maker or trader obtaining national drug GMP certification, or passing a certification or inspection by the US, the EU or another international body (e.g. an international GMP inspection); one per project */
export interface PharmaCertificationAchievement extends CommonFields {
  kind: 'pharma_certification';
  /** Certifying authority: US, EU, other international body, or the national drug regulator */
  authority: 'us' | 'eu' | 'other_international' | 'national';
  /** It is a GMP (good manufacturing practice) certification or inspection */
  gmp?: boolean;
}

/** Generic-drug consistency evaluation (仿制药一致性评价): A drug passing the generic quality and efficacy consistency evaluation (one per drug) */
export interface GenericDrugEvaluationAchievement extends CommonFields {
  kind: 'generic_drug_evaluation';
}

/** New measuring instrument (计量器具新产品): A new measuring instrument: never made in China before, with a pattern-approval certificate; or already type-approved nationally but new to the maker, with a prototype test certificate (one per product) */
export interface MetrologyInstrumentAchievement extends CommonFields {
  kind: 'metrology_instrument';
  /** New to the country (pattern approval) or new to the maker (prototype test certificate) */
  novelty: 'new_to_country' | 'new_to_maker';
}

/** Industrial metrology and testing centre (产业计量测试中心): Named a national industrial metrology and testing centre (or similar national metrology innovation platform), or a provincial one */
export interface MetrologyCentreAchievement extends CommonFields {
  kind: 'metrology_centre';
  /** Level */
  level: 'national' | 'provincial';
}

/** Metrology body settled locally (计量技术组织落户): An international metrology organisation or a national metrology technical committee settling locally */
export interface MetrologyBodyAchievement extends CommonFields {
  kind: 'metrology_body';
  /** International organisation or national technical committee */
  scope: 'international' | 'national';
}

/** Metrology technical regulation (计量技术法规): Drafting, as a main drafter, an international metrology regulation or recommendation (adopted), a national or a local metrology technical regulation */
export interface MetrologyRegulationAchievement extends CommonFields {
  kind: 'metrology_regulation';
  /** International, national or local (provincial) regulation */
  level: 'international' | 'national' | 'provincial';
  /** Rank among the drafters (1 = first) */
  drafter_rank?: number;
  /** The international regulation or recommendation has been adopted */
  adopted?: boolean;
}

/** Measurement management system certification (测量管理体系认证): Measurement management system certified at grade AAA (3A), AA (2A) or A (1A) */
export interface MeasurementManagementAchievement extends CommonFields {
  kind: 'measurement_management';
  /** Grade */
  level: 'AAA' | 'AA' | 'A';
  /** Grade held before (for upgrades) */
  previous_level?: 'AAA' | 'AA' | 'A';
  /** The certification covers energy metrology */
  covers_energy?: boolean;
}

/** Inspection and testing body (检验检测机构): A national or provincial inspection and testing body (quality inspection centre) built */
export interface TestingCentreAchievement extends CommonFields {
  kind: 'testing_centre';
  /** Level */
  level: 'national' | 'provincial';
}

/** Laboratory accreditation or testing qualification (实验室认可与检测、认证资质): A laboratory accredited by CNAS, designated for compulsory certification (CCC; one per product category), signing mutual recognition of results with well-known international bodies, or a body qualified to test or certify for China Robot (CR) certification or new IAB/NEM product or service certifications */
export interface TestingQualificationAchievement extends CommonFields {
  kind: 'testing_qualification';
  /** Accreditation or qualification */
  qualification: 'cnas' | 'ccc_designated' | 'mutual_recognition' | 'cr_iab_nem';
  /** A laboratory or testing platform newly built for a project on the annual key-construction list */
  key_project?: boolean;
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
  | StandardizationCourseAchievement
  | QualityAwardAchievement
  | DemonstrationAreaAchievement
  | BrandTitleAchievement
  | EngineeringAwardAchievement
  | CertificationAchievement
  | ExcellenceModelAchievement
  | ManagementSoftwareAchievement
  | QualityComparisonProjectAchievement
  | QcAwardAchievement
  | QualityActivityPromotionAchievement
  | EducationBaseAchievement
  | TrademarkAchievement
  | GeographicalIndicationAchievement
  | PatentGrantAchievement
  | IpEnterpriseAchievement
  | PatentAwardAchievement
  | IpPledgeLoanAchievement
  | PatentInsuranceAchievement
  | PatentNavigationAchievement
  | CounterfeitReportAchievement
  | DrugApprovalAchievement
  | DrugIndustrializationAchievement
  | DrugListAchievement
  | PharmaCertificationAchievement
  | GenericDrugEvaluationAchievement
  | MetrologyInstrumentAchievement
  | MetrologyCentreAchievement
  | MetrologyBodyAchievement
  | MetrologyRegulationAchievement
  | MeasurementManagementAchievement
  | TestingCentreAchievement
  | TestingQualificationAchievement;

export type AchievementKind = Achievement['kind'];

/** The regions a request may name. */
export type RegionId =
  | 'beijing' // 北京市 / Beijing
  | 'tianjin' // 天津市 / Tianjin
  | 'hebei' // 河北省 / Hebei
  | 'jiangsu' // 江苏省 / Jiangsu
  | 'taizhou' // 泰州市 / Taizhou
  | 'heilongjiang' // 黑龙江省 / Heilongjiang
  | 'shaanxi' // 陕西省 / Shaanxi
  | 'liaoning' // 辽宁省 / Liaoning
  | 'shanxi' // 山西省 / Shanxi
  | 'liaocheng' // 聊城市 / Liaocheng
  | 'linyi' // 临沂市 / Linyi
  | 'zhengzhou' // 郑州市 / Zhengzhou
  | 'guangzhou_huangpu' // 广州市黄埔区（广州开发区） / Guangzhou Huangpu (GDD)
  | 'guangyuan' // 广元市 / Guangyuan
  | 'foshan' // 佛山市 / Foshan
  | 'zaozhuang' // 枣庄市 / Zaozhuang
  | 'weihai' // 威海市 / Weihai
  | 'hainan' // 海南省 / Hainan
  | 'shanghai'; // 上海市 / Shanghai

/** The published texts, by id. */
export type PolicyId = 'national-leader-call' | 'beijing-leader-plan' | 'beijing-subsidy-fund' | 'tianjin-leader-plan' | 'tianjin-subsidy-fund' | 'hebei-leader-opinions' | 'jiangsu-leader-plan' | 'taizhou-leader-plan' | 'heilongjiang-certification-plan' | 'shaanxi-leader-plan' | 'liaoning-leader-plan' | 'shanxi-leader-measures' | 'liaocheng-quality-patent-awards' | 'linyi-innovation-incentives' | 'zhengzhou-quality-policies' | 'guangzhou-huangpu-quality-fund' | 'guangyuan-leader-plan' | 'foshan-strategy-fund' | 'zaozhuang-strategy-awards' | 'weihai-subsidy-fund' | 'hainan-implementation-opinions' | 'shanghai-standardization-director' | 'hainan-standardization-regulation';

/**
 * What the company knows about itself, for the leader eligibility self-check. Every
 * fact is optional (`null` = not given): a fact not given leaves its conditions `unknown`.
 * Months facts are whole months 0–1200, or whole years 0–100 under the `years_` name.
 */
export interface Facts {
  /** The company is registered (lawfully established) in the region */
  registered_in_region?: boolean | null;
  /** The company is an independent legal person */
  independent_legal_person?: boolean | null;
  /** The product or service standard the company applies is self-declared on the enterprise standards public service platform */
  declared?: boolean | null;
  /** Months the company's standard has been implemented (or whole years as years_implemented) */
  months_implemented?: number | null;
  /** The same in whole years (give one of the two). */
  years_implemented?: number | null;
  /** The product is in an emerging field with fast product upgrades (the national call accepts 6 months of implementation) */
  fast_moving_field?: boolean | null;
  /** The product or service is in the year's published key domains for leaders (2022's can be searched with lookup) */
  in_key_domain?: boolean | null;
  /** The company standard is stricter than the national and industry standards */
  standard_stricter?: boolean | null;
  /** In the past three years: a major quality, safety or pollution accident, a major quality complaint or another violation of law */
  incidents_3y?: boolean | null;
  /** Penalised by law enforcement for standards or quality problems in the past two years, or under investigation */
  penalized_2y?: boolean | null;
  /** Administratively penalised for standards or quality problems in the past three years, or under investigation */
  penalized_3y?: boolean | null;
  /** Administratively penalised for a major violation of law in the previous year */
  penalized_last_year?: boolean | null;
  /** On a (serious) dishonesty list now or in the past three years, or known for serious dishonest conduct */
  blacklisted?: boolean | null;
  /** A leader title of the company was revoked in the past three years */
  revoked_within_3y?: boolean | null;
  /** Months since the leader list naming the company was published (recognised), held without a break (or whole years as years_held) */
  months_held?: number | null;
  /** The same in whole years (give one of the two). */
  years_held?: number | null;
  /** The leader list naming the company was published by an evaluation or working body designated or recognised by the authorities */
  listed_by_recognised_body?: boolean | null;
}

/** A fact as conditions name it (years are read as months). */
export type FactId = Exclude<keyof Facts, 'years_implemented' | 'years_held'>;

export type RegisterId = 'grain-oil-leaders-2022' | 'key-domains-2022';

/** 2022 年粮油产品企业标准“领跑者”名单: one row of the table. */
export interface GrainOilLeaders2022Row { product_class: string; no: string; company: string; standard_no: string; standard_name: string; evaluator: string; }

/** 2022 年度实施企业标准“领跑者”重点领域: one row of the table. */
export interface KeyDomains2022Row { no: string; industry: string; domain: string; }

/** A row of a register that matched, with its register's own row type. */
export type RegisterHit =
  | (HitBase & { register: 'grain-oil-leaders-2022'; row: GrainOilLeaders2022Row; matched: (keyof GrainOilLeaders2022Row)[] })
  | (HitBase & { register: 'key-domains-2022'; row: KeyDomains2022Row; matched: (keyof KeyDomains2022Row)[] });

/**
 * The facts of the SME self-assessment (`sme()`; `docs/sme.md`). Every fact is optional
 * (`null` = not given): a score that needs it becomes a range, a verdict `undetermined`.
 */
export interface SmeFacts {
  /** Operating revenue, last year (yuan ≥ 0 (decimal string, 2 decimals at most)). Total operating revenue of the last full fiscal year, as in that year's audit report. */
  revenue?: Yuan | number | null;
  /** Operating revenue, the year before (yuan ≥ 0 (decimal string, 2 decimals at most)). Total operating revenue of the fiscal year before last (for the Little Giant's two-year R&D ratios). */
  revenue_prior?: Yuan | number | null;
  /** Main-business revenue, last year (yuan ≥ 0 (decimal string, 2 decimals at most)). Main-business revenue of the last full fiscal year; at most the operating revenue. */
  main_revenue?: Yuan | number | null;
  /** Main-business revenue, the year before (yuan ≥ 0 (decimal string, 2 decimals at most)). For last year's main-business revenue growth. */
  main_revenue_prior?: Yuan | number | null;
  /** Main-business revenue, two years before (yuan ≥ 0 (decimal string, 2 decimals at most)). For the two-year average main-business revenue growth. */
  main_revenue_prior2?: Yuan | number | null;
  /** Net profit, last year (yuan, negative for a loss). Net profit of the last full fiscal year, negative for a loss; net margin = net profit / operating revenue. */
  net_profit?: Yuan | number | null;
  /** Debt-to-asset ratio, last year (%) (percent 0–100 (2 decimals at most)). Liabilities as a percentage of assets at the end of last year (0–100; above 100% enter 100, it scores the same). */
  debt_ratio?: string | number | null;
  /** R&D expense, last year (yuan ≥ 0 (decimal string, 2 decimals at most)). Total R&D expense of the last full fiscal year. */
  rd_expense?: Yuan | number | null;
  /** R&D expense, the year before (yuan ≥ 0 (decimal string, 2 decimals at most)). For the two-year R&D average and the Little Giant's two-year R&D ratios. */
  rd_expense_prior?: Yuan | number | null;
  /** Total staff (whole number ≥ 0). Total number of staff. */
  staff?: number | null;
  /** R&D staff (whole number ≥ 0). Number of R&D staff, at most the total staff; R&D staff share = R&D staff / total staff. */
  rd_staff?: number | null;
  /** Class I IP related to the main products (whole number ≥ 0). Invention patents (defence patents included), plant varieties, national crop varieties, national new drugs, grade-one protected TCM varieties, IC layout designs (none transferred less than a year ago). Includes the next two counts. */
  ip_first?: number | null;
  /** of which self-developed Class I IP (whole number ≥ 0). Of the Class I IP, those the company developed itself. */
  ip_own_first?: number | null;
  /** of which high-value Class I IP (whole number ≥ 0). Class I IP with a foreign family patent or foreign income, maintained over 10 years, pledged for a high amount, or holding a national science and technology award or China Patent Award. */
  ip_high_value?: number | null;
  /** Class II IP (whole number ≥ 0). Software copyrights related to the main products (not trademarks), utility-model or design patents maintained over 2 years after grant. */
  ip_second?: number | null;
  /** Class I IP applied and earning (true / false). The Class I IP related to the main products is applied and already brings economic benefit. */
  ip_applied?: boolean | null;
  /** R&D institution level (national 国家级 · provincial 省级 · municipal 市级 · below_municipal 市级以下 · none 未建立研发机构). The highest recognised level of an R&D institution the company built alone or with universities or research bodies (institute, technology centre, engineering centre, academician or postdoctoral workstation…). */
  rd_institution?: 'national' | 'provincial' | 'municipal' | 'below_municipal' | 'none' | null;
  /** Years in the niche market (whole years 0–100). Whole years the company has worked in its niche market, to the end of last year. */
  niche_years?: number | null;
  /** Main products in the Strategic Emerging Industries catalogue (true / false). The main products (those together earning over 50% of revenue) belong to the Strategic Emerging Industries classification. */
  strategic_emerging?: boolean | null;
  /** Main products' field (chain_gap 在产业链供应链关键环节及关键领域“补短板”“锻长板”“填空白”取得实际成效 · six_basics 属于工业“六基”领域、中华老字号名录或服务关键产业链重点龙头企业 · other 不属于以上情况). Indicator 4 of the Specialised SME score. */
  domain?: 'chain_gap' | 'six_basics' | 'other' | null;
  /** Digital level (platform self-test) (level3 三级以上 · level2 二级 · level1 一级). The result of the free digital-level self-test on the gradient cultivation platform. */
  digital_level?: 'level3' | 'level2' | 'level1' | null;
  /** Provincial or higher quality award (true / false). Holds a quality award of provincial level or above. */
  quality_award?: boolean | null;
  /** ISO 9001 or similar certification (true / false). Runs a quality management system certified to ISO 9001 or similar. */
  quality_system?: boolean | null;
  /** Own brand (true / false). The main products or services carry the company's own IP, and the brand is a registered trademark or the products already earn revenue. */
  own_brand?: boolean | null;
  /** Took part in making or revising standards (true / false). Took part in drafting or revising a standard. */
  standard_work?: boolean | null;
  /** National niche market share of the main products (%) (percent 0–100 (2 decimals at most)). May be shown by the company's own evidence or otherwise. */
  market_share?: string | number | null;
  /** At least one core business run on an information system (true / false). At least one core business (R&D design, production, supply-chain management…) is supported by an information system. */
  info_system?: boolean | null;
  /** Management-system certification, or product certification of developed economies (true / false). Holds the relevant management-system certification, or its products are certified in developed countries or regions. */
  certified?: boolean | null;
  /** Sound governance, quality leading in China (true / false). Sound governance, good credit, social responsibility; production technology, process and product quality leading in China; digital and green development (the Little Giant's refinement requirement, judged by the assessors). */
  well_run?: boolean | null;
  /** At a key link of an industrial chain, filling gaps (true / false). At a key link of an industrial chain, bringing key basic technologies and products into use, filling gaps or extending strengths. */
  chain_role?: boolean | null;
  /** Main products in the Little Giant key fields (true / false). Core basic components, key software, advanced basic processes, key basic materials and industrial technology bases; or the ten key fields of the manufacturing-power strategy; or information infrastructure, key core technologies, network or data security. */
  key_field?: boolean | null;
  /** Local-feature score (set by the province, 0–15) (whole points 0–15). Set by each province (1–3 indicators, at most 15 points); enter the score under your province's rules, or leave it out and the result is a range over 0–15. */
  local_points?: number | null;
  /** Best rank in a provincial science award, last 3 years (0: none) (whole number ≥ 0). Among provincial science and technology awards (first to third class) of the last three years, the company's best place among the winning units (first: 1); 0 for none. */
  provincial_award_rank?: number | null;
  /** Best rank in a national science award, last 3 years (0: none) (whole number ≥ 0). The company's best place among the winning units of a national science and technology progress, natural science, technological invention or defence science award of the last three years; 0 for none. */
  national_award_rank?: number | null;
  /** Holds a valid high-tech enterprise or similar honour (true / false). A valid honour such as high-tech enterprise, national technology-innovation demonstration enterprise, IP advantage or IP demonstration enterprise. */
  qualifying_honor?: boolean | null;
  /** New equity financing, last 3 years (paid in by qualified institutions) (yuan ≥ 0 (decimal string, 2 decimals at most)). Capital paid in by qualified institutional investors (registered venture and private-equity funds) in capital increases ceding at most 30% of the shares. */
  equity_3y?: Yuan | number | null;
  /** New equity financing, last 2 years (qualified institutions) (yuan ≥ 0 (decimal string, 2 decimals at most)). The same, the last two years' part; at most the three-year total. */
  equity_2y?: Yuan | number | null;
  /** 'Maker in China' contest, last 3 years (top50 全国 50 强企业组 · top500 全国 500 强企业组 · none 未进入). The national enterprise lists of the 'Maker in China' SME contest published since 2021. */
  maker_china?: 'top50' | 'top500' | 'none' | null;
  /** Current tier (in force) (little_giant 专精特新“小巨人”企业 · specialized 专精特新中小企业 · innovative 创新型中小企业 · none 尚无). The highest tier the company holds now, in force. */
  current_tier?: 'little_giant' | 'specialized' | 'innovative' | 'none' | null;
  /** Registered in China, a legal person, an SME by the size rules (true / false). Registered in the PRC, an independent legal person, and an SME under the SME size classification rules. */
  sme_size?: boolean | null;
  /** Not on the abnormal-operations or serious-dishonesty lists (true / false). As found on the National Enterprise Credit Information Publicity System and Credit China. */
  clean_record?: boolean | null;
  /** Products not in the state's prohibited, restricted or phase-out classes (true / false). The company's products or services are not prohibited, restricted or to be phased out. */
  allowed_products?: boolean | null;
  /** No major safety, quality or pollution accident, tax evasion or similar in 3 years (true / false). No major safety (network and data security included), quality or pollution accident, and no tax evasion or similar offence, in the last three years. */
  no_incidents?: boolean | null;
  /** Cancelled under Article 16 in the last 3 years (true / false). A tier was cancelled for a major accident, serious dishonesty, tax evasion or falsified data less than three years ago. */
  cancelled_3y?: boolean | null;
}

export type SmeFactId = keyof SmeFacts;
export type SmeTierId = 'innovative' | 'specialized' | 'little_giant';
export type SmeMeasureId = 'rd_ratio' | 'rd_ratio_prior' | 'main_share' | 'main_growth' | 'main_growth_avg' | 'net_margin' | 'rd_staff_share' | 'rd_expense_avg';
export type SmeSectionId = 'finance' | 'innovation' | 'market' | 'honours' | 'standing';

/** What every register hit carries besides its row. */
export interface HitBase {
  /** The clause of the background text that holds the register. */
  clause: string;
  match: LookupMatch;
  /** The reading of this row, where its printed line is odd. */
  note: Text | null;
}

package com.xiaoneng.demo.simulator;

import java.util.List;

/** The free texts of the simulated steps, in the words case-handling systems use. */
final class Texts {

    record Procedure(String procedure, String reason) {
    }

    static final List<String> NOT_ACCEPTED = List.of(
            "申请事项不属于本机关职权范围，已告知申请人向有关行政机关申请",
            "申请事项依法不需要取得行政许可",
            "申请事项未列入政务服务事项清单",
            "申请人不具备申请主体资格");

    static final List<String> REFER_TO = List.of(
            "自治区政务服务和公共资源交易中心", "属地县（市、区）政务服务中心", "上级主管部门");

    static final List<String> MATERIALS = List.of(
            "户口簿", "身份证复印件", "营业执照副本", "房屋产权证明", "授权委托书", "近期免冠照片",
            "婚姻状况证明", "劳动合同", "银行账户信息", "场所平面图");

    static final List<Procedure> PROCEDURES = List.of(
            new Procedure("听证", "申请人依法申请听证"),
            new Procedure("检验检测", "需对相关设备进行检验检测"),
            new Procedure("专家评审", "技术方案需组织专家论证"),
            new Procedure("现场勘查", "需现场核查经营场所"),
            new Procedure("公示", "依法需向社会公示征求意见"),
            new Procedure("鉴定", "需进行劳动能力鉴定"));

    static final List<String> EXTENSION_REASONS = List.of(
            "情况复杂需要现场核查，经本机关负责人批准延长办理期限",
            "需征求相关部门意见，经本机关负责人批准延长办理期限",
            "申请材料涉及历史遗留问题需进一步核实",
            "需集体研究决定，经本机关负责人批准延长办理期限");

    static final List<String> DENIAL_REASONS = List.of(
            "申请人不符合法定条件。如不服本决定，可在六十日内申请行政复议或在六个月内提起行政诉讼",
            "经现场核查，经营场所不符合规定要求。如不服本决定，可依法申请行政复议或提起行政诉讼",
            "申请材料存在虚假内容。如不服本决定，可依法申请行政复议或提起行政诉讼");

    static final String FORWARDED_REASON = "依法需由上级机关决定，已转报自治区主管部门";

    static final List<String> TERMINATION_REASONS = List.of("申请人主动撤回申请", "申请人死亡或主体资格终止，依法终止办理");

    /** Comments by score 1..5 (index 0 = score 1). */
    static final List<List<String>> COMMENTS = List.of(
            List.of("多次往返仍未办结", "超期未办结，无人回复", "工作人员态度生硬"),
            List.of("等候时间长", "要求重复提交材料", "工作人员解释不清楚", "网上申报系统经常卡顿"),
            List.of("基本满意，等待时间稍长", "流程还可以再简化"),
            List.of("整体满意", "流程清楚，指引到位"),
            List.of("办事效率高，服务热情", "一次办好，非常方便", "网上办理很便捷"));

    static final List<String> RECTIFICATIONS = List.of(
            "已电话回访申请人，说明情况并致歉，问题已解决",
            "增设综合受理窗口，推行预约办理，缩短等候时间",
            "开展窗口人员业务培训，严格执行一次性告知制度",
            "优化审批流程，压缩内部流转环节",
            "修复网上申报系统故障，增加服务器资源");

    private Texts() {
    }
}

"""Who may read the report and who may build its files: one predicate each."""

REPORT_PERMISSION = "insights.view_report"


def may_build_report(user) -> bool:
    return user.has_perm(REPORT_PERMISSION)


def may_read_report(user, dialogue) -> bool:
    """Everyone once it is published; before that, staff with the permission."""
    return dialogue.report_published or may_build_report(user)

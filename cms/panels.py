from wagtail.admin.panels import Panel


class SealStatusPanel(Panel):
    """Shows staff whether the dialogue is sealed; sealing is a command, not a form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/seal_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["sealed_at"] = self.instance.sealed_at if self.instance.pk else None
            context["instance"] = self.instance
            return context


class AttributeCostPanel(Panel):
    """What the m rule costs: per dimension, how many municipalities keep it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/attribute_cost.html"

        def get_context_data(self, parent_context=None):
            from dialogue_blocks.anonymity import dimensions_kept

            context = super().get_context_data(parent_context)
            context["m"] = self.instance.m_threshold
            context["kept"] = dimensions_kept(self.instance.m_threshold)
            return context

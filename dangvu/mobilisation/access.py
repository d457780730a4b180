"""Who reads and changes campaigns (dangvu.core.access): a campaign and its contributions go
with the organization that launched it."""

from dangvu.core import access
from dangvu.core.access import by_org

from .models import Campaign, Contribution

access.register(Campaign, by_org(noun="cuộc vận động", url_param="campaign_id"))
access.register(Contribution, by_org("campaign__org"))

"""Gazettes and ordered bodies, step 2 of 3: carry the stored data forward.

Each distinct gazette name becomes a Gazette with a slug; each article's headings (Section) and
paragraphs (Paragraph), which the previous release stored apart, become one ordered list of
blocks, interleaved by the rule that release's article page used to show them: a heading goes
just before the first paragraph of its own section, or of a later one.
"""
from django.db import migrations


def gazettes_forward(apps, schema_editor):
    from bulletin.gazettes import place_of, slug_candidates

    Bulletin = apps.get_model("bulletin", "Bulletin")
    Gazette = apps.get_model("bulletin", "Gazette")
    taken = set(Gazette.objects.values_list("slug", flat=True))
    for name in Bulletin.objects.order_by("gazette").values_list("gazette", flat=True).distinct():
        gazette = Gazette.objects.filter(name=name).first()
        if gazette is None:
            slug = next(c for c in slug_candidates(name) if c not in taken)
            taken.add(slug)
            province, city = place_of(name)
            gazette = Gazette.objects.create(name=name, slug=slug, city=city, province=province)
        Bulletin.objects.filter(gazette=name).update(gazette_ref=gazette)


def old_reading_order(sections, paragraphs):
    """(kind, object) in the order the previous release rendered them."""
    first_number = {}
    for p in paragraphs:
        if p.section_id is not None and p.section_id not in first_number:
            first_number[p.section_id] = p.number
    keyed = []
    following = float("inf")
    for s in reversed(sections):
        following = first_number.get(s.pk, following)
        keyed.append(((following, 0, s.position), ("heading", s)))
    keyed.extend(((p.number, 1, 0), ("paragraph", p)) for p in paragraphs)
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed]


def bodies_forward(apps, schema_editor):
    from bulletin.body import enclosing_positions

    Article = apps.get_model("bulletin", "Article")
    Section = apps.get_model("bulletin", "Section")
    Paragraph = apps.get_model("bulletin", "Paragraph")
    Block = apps.get_model("bulletin", "Block")
    for article in Article.objects.order_by("pk").iterator(chunk_size=500):
        sections = list(Section.objects.filter(article=article).order_by("position"))
        paragraphs = list(Paragraph.objects.filter(article=article).order_by("number"))
        ordered = old_reading_order(sections, paragraphs)
        kinds_levels = [(kind, item.level if kind == "heading" else None) for kind, item in ordered]
        parents = enclosing_positions(kinds_levels)
        rows = []
        for position, ((kind, item), parent) in enumerate(zip(ordered, parents), start=1):
            if kind == "heading":
                rows.append(Block(article=article, position=position, kind="heading", text=f"{item.number}{item.title}",
                                  level=item.level, number=item.number, parent=parent))
            else:
                rows.append(Block(article=article, position=position, kind="paragraph", text=item.text, parent=parent))
        Block.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("bulletin", "0002_gazette_block_schema"),
    ]

    operations = [
        migrations.RunPython(gazettes_forward, migrations.RunPython.noop),
        migrations.RunPython(bodies_forward, migrations.RunPython.noop),
    ]

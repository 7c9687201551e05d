"""Measuring tqlint: annotated passages (cases), professional MQM raters (mqm), human
post-edits (postedits), real MT with references (references), copy editors' annotations
(annotations), and translation scores through sacrebleu (scores)."""

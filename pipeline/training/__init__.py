"""The model workshop: training, averaging and promoting the NER model the runtime ships.

Training needs heavy tools (gensim, stanza's trainers) and the shared datasets, which the pipeline that
reads news never does, so it lives apart: modules here may import the runtime (:mod:`pipeline.ner`,
:mod:`pipeline.conll`, :mod:`pipeline.schema`), never the reverse.

- :mod:`pipeline.training.data`: the corpora, their splits and the training mix;
- :mod:`pipeline.training.vectors`: word vectors and character language models;
- :mod:`pipeline.training.tagger`: stanza's NER trainer;
- :mod:`pipeline.training.selection`: scoring on dev, and promotion of a better model;
- :mod:`pipeline.training.card`: the model card;
- commands: :mod:`pipeline.training.train_ner` (``make model``), :mod:`pipeline.training.soup`
  (``make soup``), :mod:`pipeline.training.silver` (``make silver``).
"""

"""The coding pipeline, one module a stage: story -> parsed sentences (`nlp`) -> actor mentions
(`actors`, `context`) -> verb matches (`verbs`) -> event candidates (`grammar`, with `modality`,
`weapons` and `missions`) -> events dated (`dates`, `attachment`) and placed (`places`,
`geolocate`). `coder.Coder` wires the stages together."""

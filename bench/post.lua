-- wrk script: POST one stress-MLP input per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer vsk_bench_client" -- the credential bench/run configures
wrk.body = '{"model":"stress-mlp","input":{"left_eye_aspect":0.18,"right_eye_aspect":0.19,"brow_tension":0.025,' ..
           '"mouth_tension":8.0,"eye_symmetry":0.12,"mouth_opening":0.05,"time_of_day":0.67}}'
